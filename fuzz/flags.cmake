# Compile flags of the fuzzing build (-DMOTCUA_FUZZ=ON, CC=clang CXX=clang++): every library is
# instrumented for libFuzzer's coverage and checked by ASan and UBSan; the fuzz targets link
# libFuzzer's main (fuzz/CMakeLists.txt).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MOTCUA_FUZZ needs clang: configure with CC=clang CXX=clang++")
endif()
# GCC-only warning flags set on some files (-Wno-maybe-uninitialized) are not errors here.
add_compile_options(-Wno-unknown-warning-option)
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=all)
add_link_options(-fsanitize=address,undefined)
