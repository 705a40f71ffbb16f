# cpct import-model on Debian's botocore file must give the committed model
# byte for byte; otherwise the embedded model is stale or hand-edited.
set(debian /usr/lib/python3/dist-packages/botocore/data/codepipeline/2015-07-09/service-2.json)
if(NOT EXISTS ${debian})
  message(FATAL_ERROR "python3-botocore is not installed (run scripts/deps --tests)")
endif()
execute_process(COMMAND ${CPCT} import-model --from ${debian} RESULT_VARIABLE exit
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT exit EQUAL 0)
  message(FATAL_ERROR "import-model failed: ${err}")
endif()
file(READ ${EXPECTED} expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "import-model output differs from ${EXPECTED}; regenerate with: cpct import-model --out ${EXPECTED}")
endif()
