# Writes INPUT's bytes into OUTPUT as a C++ char array returned by
# cpct::fuzz::NAME(): the fuzz binaries carry their fixtures, so they run
# from any directory (OSS-Fuzz copies only the binaries).
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace cpct::fuzz {\nnamespace {\nconstexpr unsigned char kBytes[] = {${bytes}0};\n}\nstd::string_view ${NAME}() { return {reinterpret_cast<const char*>(kBytes), ${size}}; }\n}  // namespace cpct::fuzz\n")
