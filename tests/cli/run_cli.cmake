# Runs cpct with ARGS (words joined by |); checks the exit code and that stdout+stderr match REGEX.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${CPCT} ${args} WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE exit OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT "${exit}" STREQUAL "${EXPECTED_EXIT}")
  message(FATAL_ERROR "exit ${exit}, expected ${EXPECTED_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT "${out}${err}" MATCHES "${REGEX}")
  message(FATAL_ERROR "output does not match '${REGEX}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
string(FIND "${out}${err}" "SECRET-DO-NOT-PRINT" leak)
if(NOT leak EQUAL -1)
  message(FATAL_ERROR "a planted secret was printed:\n${out}${err}")
endif()
