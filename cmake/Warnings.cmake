# Project-wide compile flags: warnings are errors, and an optional sanitizer build.
add_compile_options(-Wall -Wextra -Werror)
if(MOTCUA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12's -Wmaybe-uninitialized gives false positives inside libstdc++ (<regex>, <optional>)
  # once the sanitizers change inlining; the normal build keeps the warning as an error.
  add_compile_options(-Wno-maybe-uninitialized)
endif()
