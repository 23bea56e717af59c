# Runs decode_vs_capstone over the text sections of the statically linked guest
# binaries in GUEST_DIR (whatever exists; none is not a failure).
file(GLOB guests LIST_DIRECTORIES false ${GUEST_DIR}/*)
list(LENGTH guests n)
if(n GREATER 6)
  list(SUBLIST guests 0 6 guests)
endif()
if(n EQUAL 0)
  message(STATUS "no guest binaries in ${GUEST_DIR}; checking pattern-generated words only")
endif()
execute_process(COMMAND ${EMU} ${EXE} 0 1 ${guests} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "decode_vs_capstone failed (${rc})")
endif()
