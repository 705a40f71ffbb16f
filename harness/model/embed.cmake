# Writes INPUT's bytes into OUTPUT as a C++ char array (no raw-string limits,
# no delimiter clashes).
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <cstddef>\n#include <string_view>\nnamespace cpct::model {\nnamespace {\nconstexpr char kBytes[] = {\n${bytes}0};\n}\nstd::string_view embedded_model_json() { return {kBytes, ${size}}; }\n}  // namespace cpct::model\n")
