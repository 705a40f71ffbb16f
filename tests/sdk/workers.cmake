# Job workers on real SDKs, run end to end against `cpct serve` and
# corpus/fixtures/lifecycle.json (worker_end_to_end.sh; docs/worker.md).
# include()d by tests/sdk/CMakeLists.txt. The worker command runs in the
# repository root; a missing node, JS SDK or botocore skips (77).
set(_worker_e2e ${CMAKE_CURRENT_LIST_DIR}/worker_end_to_end.sh)
add_test(NAME sdk.worker_reference
         COMMAND ${_worker_e2e} $<TARGET_FILE:cpct> $<TARGET_FILE:cpct-reference-worker>)
add_test(NAME sdk.worker_js_sdk_v3
         COMMAND ${_worker_e2e} $<TARGET_FILE:cpct> node adapters/js/worker.mjs)
add_test(NAME sdk.worker_botocore
         COMMAND ${_worker_e2e} $<TARGET_FILE:cpct> /usr/bin/python3 adapters/botocore/worker.py)
set_tests_properties(sdk.worker_reference sdk.worker_js_sdk_v3 sdk.worker_botocore
                     PROPERTIES LABELS sdk SKIP_RETURN_CODE 77 TIMEOUT 120)
unset(_worker_e2e)
