# CTest fixtures that run kafkascope-sandbox in the background.
#
#   kafkascope_add_sandbox_fixture(NAME <fixture> [ARGS <sandbox args>...])
#
# Registers two tests: <fixture>.sandbox.start (FIXTURES_SETUP <fixture>) and
# <fixture>.sandbox.stop (FIXTURES_CLEANUP <fixture>). Tests that declare
# FIXTURES_REQUIRED <fixture> find, in ${KAFKASCOPE_SANDBOX_FIXTURE_DIR}:
#   <fixture>.bootstrap  the bootstrap string (one line, ephemeral ports)
#   <fixture>.ctl        control FIFO accepting sandbox commands
#   <fixture>.out        the sandbox's stdout (bootstrap line, then replies)
#   <fixture>.log        the sandbox's stderr
# Send a command and wait for its reply with
#   sh ${KAFKASCOPE_SANDBOX_FIXTURE_SCRIPT} send ${KAFKASCOPE_SANDBOX_FIXTURE_DIR} <fixture> broker down 2
# (exit status 0 only for an "ok" reply). Commands to one sandbox must not be
# sent concurrently: tests sharing a fixture that inject faults should also
# share a RESOURCE_LOCK.
#
# Setup fails unless the sandbox prints its bootstrap within 20 s (override
# with the KAFKASCOPE_SANDBOX_START_TIMEOUT environment variable). Cleanup
# sends SIGTERM, then SIGKILL after 10 s, and runs even when tests failed; it
# fails if the sandbox died during the tests or ignored SIGTERM.

set(KAFKASCOPE_SANDBOX_FIXTURE_DIR "${CMAKE_BINARY_DIR}/sandbox")
set(KAFKASCOPE_SANDBOX_FIXTURE_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/../tests/support/sandbox_fixture.sh")
cmake_path(NORMAL_PATH KAFKASCOPE_SANDBOX_FIXTURE_SCRIPT)

function(kafkascope_add_sandbox_fixture)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME" "ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "kafkascope_add_sandbox_fixture: unexpected arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAME MATCHES "^[A-Za-z0-9_.-]+$")
    message(FATAL_ERROR "kafkascope_add_sandbox_fixture: NAME must be a plain file name, got '${arg_NAME}'")
  endif()
  foreach(arg IN LISTS arg_ARGS)
    if(arg MATCHES "^--control")
      message(FATAL_ERROR "kafkascope_add_sandbox_fixture(${arg_NAME}): --control is set by the fixture")
    endif()
  endforeach()
  if(NOT TARGET kafkascope-sandbox)
    message(FATAL_ERROR "kafkascope_add_sandbox_fixture(${arg_NAME}): no kafkascope-sandbox target "
                        "(KAFKASCOPE_BUILD_SANDBOX=OFF?); guard the tests with if(TARGET kafkascope-sandbox)")
  endif()

  add_test(NAME ${arg_NAME}.sandbox.start
           COMMAND sh "${KAFKASCOPE_SANDBOX_FIXTURE_SCRIPT}" start $<TARGET_FILE:kafkascope-sandbox>
                   "${KAFKASCOPE_SANDBOX_FIXTURE_DIR}" ${arg_NAME} ${arg_ARGS})
  # TIMEOUT only backs up the script's own 20 s start limit.
  set_tests_properties(${arg_NAME}.sandbox.start PROPERTIES
    FIXTURES_SETUP ${arg_NAME} TIMEOUT 90 LABELS sandbox)
  add_test(NAME ${arg_NAME}.sandbox.stop
           COMMAND sh "${KAFKASCOPE_SANDBOX_FIXTURE_SCRIPT}" stop "${KAFKASCOPE_SANDBOX_FIXTURE_DIR}" ${arg_NAME})
  set_tests_properties(${arg_NAME}.sandbox.stop PROPERTIES
    FIXTURES_CLEANUP ${arg_NAME} TIMEOUT 30 LABELS sandbox)
endfunction()
