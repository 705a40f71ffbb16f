// Parser for the java.util.regex dialect used by botocore's `pattern` traits.
// Java-only meanings are resolved here (see ast.hpp), using ICU's
// Unicode property data to build explicit code-point sets.
#include <algorithm>
#include <string>
#include <variant>

#include <unicode/uchar.h>
#include <unicode/uniset.h>

#include "pattern/ast.hpp"
#include "text/hex.hpp"
#include "text/utf8.hpp"

namespace cpct::pattern::detail {

bool CodePointSet::contains(char32_t cp) const {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](char32_t value, const auto& r) { return value < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->second;
}

std::optional<char32_t> CodePointSet::single() const {
  if (ranges.size() == 1 && ranges[0].first == ranges[0].second) return ranges[0].first;
  return std::nullopt;
}

PatternError pattern_error(std::string_view source, std::size_t offset, std::string_view what) {
  // Hostile patterns may be long or hold control bytes: keep the message short and printable.
  constexpr std::size_t kShownBytes = 200;
  const bool valid = text::is_valid_utf8(source);
  std::string shown;
  for (std::size_t i = 0; i < source.size() && i < kShownBytes; ++i) {
    const auto b = static_cast<unsigned char>(source[i]);
    if (b < 0x20 || b == 0x7F || (b >= 0x80 && !valid)) {
      text::append_byte_escape(shown, b);
    } else {
      shown += static_cast<char>(b);
    }
  }
  if (source.size() > kShownBytes) {
    // Never cut a UTF-8 sequence in half.
    while (valid && !shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
      shown.pop_back();
    }
    if (valid && !shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) {
      shown.pop_back();
    }
    shown += "...";
  }
  return PatternError("pattern \"" + shown + "\" at offset " + std::to_string(offset) + ": " +
                      std::string(what));
}

namespace {

constexpr std::size_t kMaxNesting = 64;  // keeps ICU under its own nesting cap
constexpr std::size_t kMaxRepeat = 100000;
constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr char32_t kEnd = 0x110000;  // peek() past the end; never a decoded code point

bool is_ascii_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int hex_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

CodePointSet from_icu(const icu::UnicodeSet& s) {
  CodePointSet out;
  out.ranges.reserve(static_cast<std::size_t>(s.getRangeCount()));
  for (int32_t i = 0; i < s.getRangeCount(); ++i) {
    out.ranges.emplace_back(static_cast<char32_t>(s.getRangeStart(i)),
                            static_cast<char32_t>(s.getRangeEnd(i)));
  }
  return out;
}

icu::UnicodeSet range_set(std::initializer_list<std::pair<char32_t, char32_t>> ranges) {
  icu::UnicodeSet s;
  for (const auto& [lo, hi] : ranges) s.add(static_cast<UChar32>(lo), static_cast<UChar32>(hi));
  return s;
}

icu::UnicodeSet complement(icu::UnicodeSet s) {
  s.complement(0, static_cast<UChar32>(kMaxCodePoint));
  return s;
}

icu::UnicodeSet category_set(uint32_t mask) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet s;
  s.applyIntPropertyValue(UCHAR_GENERAL_CATEGORY_MASK, static_cast<int32_t>(mask), status);
  return s;
}

icu::UnicodeSet property_set(UProperty property, int32_t value) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet s;
  s.applyIntPropertyValue(property, value, status);
  return s;
}

icu::UnicodeSet joined(std::initializer_list<icu::UnicodeSet> parts) {
  icu::UnicodeSet s;
  for (const auto& p : parts) s.addAll(p);
  return s;
}

// Java's predefined classes (ASCII-only, as java.util.regex defines them).
icu::UnicodeSet digit_set() {
  return range_set({{'0', '9'}});
}
icu::UnicodeSet word_set() {
  return range_set({{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}});
}
icu::UnicodeSet space_set() {
  return range_set({{'\t', '\r'}, {' ', ' '}});
}
icu::UnicodeSet horizontal_space_set() {
  return range_set({{' ', ' '},
                    {'\t', '\t'},
                    {0xA0, 0xA0},
                    {0x1680, 0x1680},
                    {0x180E, 0x180E},
                    {0x2000, 0x200A},
                    {0x202F, 0x202F},
                    {0x205F, 0x205F},
                    {0x3000, 0x3000}});
}
icu::UnicodeSet vertical_space_set() {
  return range_set({{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}});
}
icu::UnicodeSet line_terminator_set() {
  return range_set({{'\n', '\n'}, {'\r', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}});
}

// Java's POSIX names: ASCII-only regardless of Unicode data.
std::optional<icu::UnicodeSet> posix_set(std::string_view name) {
  if (name == "Lower") return range_set({{'a', 'z'}});
  if (name == "Upper") return range_set({{'A', 'Z'}});
  if (name == "ASCII") return range_set({{0, 0x7F}});
  if (name == "Alpha") return range_set({{'A', 'Z'}, {'a', 'z'}});
  if (name == "Digit") return digit_set();
  if (name == "Alnum") return range_set({{'0', '9'}, {'A', 'Z'}, {'a', 'z'}});
  if (name == "Punct") return range_set({{0x21, 0x2F}, {0x3A, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E}});
  if (name == "Graph") return range_set({{0x21, 0x7E}});
  if (name == "Print") return range_set({{0x20, 0x7E}});
  if (name == "Blank") return range_set({{' ', ' '}, {'\t', '\t'}});
  if (name == "Cntrl") return range_set({{0, 0x1F}, {0x7F, 0x7F}});
  if (name == "XDigit") return range_set({{'0', '9'}, {'A', 'F'}, {'a', 'f'}});
  if (name == "Space") return space_set();
  return std::nullopt;
}

// General categories by Java's (case-sensitive) names, plus Java's extras.
std::optional<icu::UnicodeSet> category_by_name(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs",
      "Zl", "Zp", "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc",
      "Sk", "So", "Pi", "Pf", "L",  "M",  "N",  "Z",  "C",  "P",  "S",  "LC"};
  if (std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames)) {
    const std::string key(name);
    return category_set(
        static_cast<uint32_t>(u_getPropertyValueEnum(UCHAR_GENERAL_CATEGORY_MASK, key.c_str())));
  }
  if (name == "LD") return category_set(U_GC_L_MASK | U_GC_ND_MASK);
  if (name == "L1") return range_set({{0, 0xFF}});
  if (name == "all") return range_set({{0, kMaxCodePoint}});
  return std::nullopt;
}

// Character.isWhitespace: separators other than no-break spaces, plus ASCII controls.
icu::UnicodeSet java_whitespace_set() {
  icu::UnicodeSet s = category_set(U_GC_Z_MASK);
  s.remove(0xA0).remove(0x2007).remove(0x202F);
  s.add('\t', '\r').add(0x1C, 0x1F);
  return s;
}

std::optional<icu::UnicodeSet> java_method_set(std::string_view name) {
  if (name == "javaLowerCase") return property_set(UCHAR_LOWERCASE, 1);
  if (name == "javaUpperCase") return property_set(UCHAR_UPPERCASE, 1);
  if (name == "javaAlphabetic") return property_set(UCHAR_ALPHABETIC, 1);
  if (name == "javaIdeographic") return property_set(UCHAR_IDEOGRAPHIC, 1);
  if (name == "javaTitleCase") return category_set(U_GC_LT_MASK);
  if (name == "javaDigit") return category_set(U_GC_ND_MASK);
  if (name == "javaDefined") return complement(category_set(U_GC_CN_MASK));
  if (name == "javaLetter") return category_set(U_GC_L_MASK);
  if (name == "javaLetterOrDigit") return category_set(U_GC_L_MASK | U_GC_ND_MASK);
  if (name == "javaSpaceChar") return category_set(U_GC_Z_MASK);
  if (name == "javaWhitespace") return java_whitespace_set();
  if (name == "javaISOControl") return range_set({{0, 0x1F}, {0x7F, 0x9F}});
  if (name == "javaMirrored") return property_set(UCHAR_BIDI_MIRRORED, 1);
  return std::nullopt;
}

// Java's binary properties (\p{IsAlphabetic} ...), matched case-insensitively.
std::optional<icu::UnicodeSet> binary_property_set(std::string name) {
  std::string key;
  for (char c : name) {
    if (c != '_') key += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  const auto alphabetic = [] { return property_set(UCHAR_ALPHABETIC, 1); };
  const auto cc = [] { return category_set(U_GC_CC_MASK); };
  if (key == "ALPHABETIC") return alphabetic();
  if (key == "LETTER") return category_set(U_GC_L_MASK);
  if (key == "IDEOGRAPHIC") return property_set(UCHAR_IDEOGRAPHIC, 1);
  if (key == "LOWERCASE") return property_set(UCHAR_LOWERCASE, 1);
  if (key == "UPPERCASE") return property_set(UCHAR_UPPERCASE, 1);
  if (key == "TITLECASE") return category_set(U_GC_LT_MASK);
  if (key == "WHITESPACE") {
    return joined({category_set(U_GC_Z_MASK), range_set({{'\t', '\r'}, {0x85, 0x85}})});
  }
  if (key == "CONTROL") return cc();
  if (key == "PUNCTUATION") return category_set(U_GC_P_MASK);
  if (key == "HEXDIGIT") {
    return joined({category_set(U_GC_ND_MASK), property_set(UCHAR_HEX_DIGIT, 1)});
  }
  if (key == "ASSIGNED") return complement(category_set(U_GC_CN_MASK));
  if (key == "NONCHARACTERCODEPOINT") return property_set(UCHAR_NONCHARACTER_CODE_POINT, 1);
  if (key == "DIGIT") return category_set(U_GC_ND_MASK);
  if (key == "ALNUM") return joined({alphabetic(), category_set(U_GC_ND_MASK)});
  if (key == "BLANK") return joined({category_set(U_GC_ZS_MASK), range_set({{'\t', '\t'}})});
  const auto graph = [] {
    return complement(category_set(U_GC_ZS_MASK | U_GC_ZL_MASK | U_GC_ZP_MASK | U_GC_CC_MASK |
                                   U_GC_CS_MASK | U_GC_CN_MASK));
  };
  if (key == "GRAPH") return graph();
  if (key == "PRINT") {
    icu::UnicodeSet s = joined({graph(), category_set(U_GC_ZS_MASK), range_set({{'\t', '\t'}})});
    return s.removeAll(cc());
  }
  if (key == "WORD") {
    return joined({alphabetic(), category_set(U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK),
                   property_set(UCHAR_JOIN_CONTROL, 1)});
  }
  if (key == "JOINCONTROL") return property_set(UCHAR_JOIN_CONTROL, 1);
  if (key == "EMOJI") return property_set(UCHAR_EMOJI, 1);
  if (key == "EMOJIPRESENTATION") return property_set(UCHAR_EMOJI_PRESENTATION, 1);
  if (key == "EMOJIMODIFIER") return property_set(UCHAR_EMOJI_MODIFIER, 1);
  if (key == "EMOJIMODIFIERBASE") return property_set(UCHAR_EMOJI_MODIFIER_BASE, 1);
  if (key == "EMOJICOMPONENT") return property_set(UCHAR_EMOJI_COMPONENT, 1);
  if (key == "EXTENDEDPICTOGRAPHIC") return property_set(UCHAR_EXTENDED_PICTOGRAPHIC, 1);
  return std::nullopt;
}

std::optional<icu::UnicodeSet> enumerated_set(UProperty property, const std::string& value) {
  const int32_t v = u_getPropertyValueEnum(property, value.c_str());
  if (v == UCHAR_INVALID_CODE) return std::nullopt;
  return property_set(property, v);
}

// Resolves the name inside \p{...} the way java.util.regex.Pattern does.
std::optional<icu::UnicodeSet> java_property(const std::string& name) {
  if (const auto eq = name.find('='); eq != std::string::npos) {
    const std::string key = name.substr(0, eq);
    const std::string value = name.substr(eq + 1);
    if (key == "sc" || key == "script") return enumerated_set(UCHAR_SCRIPT, value);
    if (key == "blk" || key == "block") return enumerated_set(UCHAR_BLOCK, value);
    if (key == "gc" || key == "general_category") return category_by_name(value);
    return std::nullopt;
  }
  if (name.starts_with("In")) return enumerated_set(UCHAR_BLOCK, name.substr(2));
  if (name.starts_with("Is")) {
    const std::string rest = name.substr(2);
    if (auto s = binary_property_set(rest)) return s;
    if (auto s = category_by_name(rest)) return s;
    if (auto s = posix_set(rest)) return s;
    if (auto s = java_method_set(rest)) return s;
    return enumerated_set(UCHAR_SCRIPT, rest);
  }
  if (auto s = category_by_name(name)) return s;
  if (auto s = posix_set(name)) return s;
  return java_method_set(name);
}

struct Flags {
  bool case_insensitive = false;
  bool unicode_case = false;
  bool dotall = false;
  bool multiline = false;
};

// An escape resolves to one code point, a set, or a zero-width/structural node.
using Escape = std::variant<char32_t, icu::UnicodeSet, Node>;

class Parser {
 public:
  Parser(std::string_view source, std::u32string text, std::vector<std::size_t> origin)
      : source_(source), text_(std::move(text)), origin_(std::move(origin)) {}

  ParsedPattern parse() {
    group_lengths_.emplace_back(0, 0);  // group 0 is the whole match; never referenced
    Node root = parse_alternation();
    if (!at_end()) fail(pos_, "unmatched ')'");
    return ParsedPattern{std::move(root), group_count_};
  }

 private:
  [[noreturn]] void fail(std::size_t at, std::string_view what) const {
    throw pattern_error(source_, origin_[std::min(at, origin_.size() - 1)], what);
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char32_t peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : kEnd;
  }
  bool accept(char32_t c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  void enter(std::size_t start, std::string_view what) {
    if (++depth_ > kMaxNesting) fail(start, what);
  }

  // ---- node construction (lengths are computed as nodes are built) ----

  Node set_node(const icu::UnicodeSet& s) const {
    Node n;
    n.kind = NodeKind::kSet;
    n.set = from_icu(s);
    n.min_length = n.max_length = 1;
    return n;
  }

  Node literal(char32_t cp) const {
    icu::UnicodeSet s(static_cast<UChar32>(cp), static_cast<UChar32>(cp));
    close_case(s);
    return set_node(s);
  }

  static Node assertion(AssertionKind kind) {
    Node n;
    n.kind = NodeKind::kAssertion;
    n.assertion = kind;
    return n;
  }

  static Node sequence(std::vector<Node> items) {
    if (items.size() == 1) return std::move(items[0]);
    Node n;
    n.kind = items.empty() ? NodeKind::kEmpty : NodeKind::kConcat;
    for (const auto& item : items) {
      n.min_length = add_sat(n.min_length, item.min_length);
      n.max_length = add_sat(n.max_length, item.max_length);
    }
    n.children = std::move(items);
    return n;
  }

  Node alternation(std::vector<Node> branches) const {
    if (branches.size() == 1) return std::move(branches[0]);
    // Alternatives that are each one code point form one set: same language,
    // and ICU then repeats it without a backtracking frame per iteration.
    if (std::all_of(branches.begin(), branches.end(),
                    [](const Node& b) { return b.kind == NodeKind::kSet; })) {
      icu::UnicodeSet merged;
      for (const auto& b : branches) {
        for (const auto& [lo, hi] : b.set.ranges) {
          merged.add(static_cast<UChar32>(lo), static_cast<UChar32>(hi));
        }
      }
      return set_node(merged);
    }
    Node n;
    n.kind = NodeKind::kAlternation;
    n.min_length = kUnbounded;
    for (const auto& b : branches) {
      n.min_length = std::min(n.min_length, b.min_length);
      n.max_length = std::max(n.max_length, b.max_length);
    }
    n.children = std::move(branches);
    return n;
  }

  static Node wrap(NodeKind kind, Node child) {
    Node n;
    n.kind = kind;
    if (kind == NodeKind::kGroup) {
      n.min_length = child.min_length;
      n.max_length = child.max_length;
    }
    n.children.push_back(std::move(child));
    return n;
  }

  // Java's CASE_INSENSITIVE folds ASCII only; with UNICODE_CASE it folds all.
  void close_case(icu::UnicodeSet& s) const {
    if (!flags_.case_insensitive) return;
    if (flags_.unicode_case) {
      s.closeOver(USET_CASE_INSENSITIVE);
      s.removeAllStrings();
      return;
    }
    for (UChar32 c = 'A'; c <= 'Z'; ++c) {
      if (s.contains(c) || s.contains(c + 32)) s.add(c).add(c + 32);
    }
  }

  // ---- structure ----

  Node parse_alternation() {
    std::vector<Node> branches;
    branches.push_back(parse_sequence());
    while (accept('|')) branches.push_back(parse_sequence());
    return alternation(std::move(branches));
  }

  Node parse_sequence() {
    std::vector<Node> items;
    while (!at_end() && peek() != '|' && peek() != ')') {
      auto atom = parse_atom();
      if (atom) items.push_back(parse_quantifier(std::move(*atom)));
    }
    return sequence(std::move(items));
  }

  std::size_t parse_count(std::size_t start) {
    std::size_t value = 0;
    while (is_ascii_digit(peek())) {
      value = value * 10 + (text_[pos_++] - '0');
      if (value > kMaxRepeat) fail(start, "repetition count exceeds 100000");
    }
    return value;
  }

  Node parse_quantifier(Node atom) {
    const std::size_t start = pos_;
    std::size_t lo = 0;
    std::size_t hi = 0;
    switch (peek()) {
      case '*':
        ++pos_, lo = 0, hi = kUnbounded;
        break;
      case '+':
        ++pos_, lo = 1, hi = kUnbounded;
        break;
      case '?':
        ++pos_, lo = 0, hi = 1;
        break;
      case '{':
        ++pos_;
        if (!is_ascii_digit(peek())) fail(start, "illegal repetition '{'");
        lo = hi = parse_count(start);
        if (accept(',')) hi = is_ascii_digit(peek()) ? parse_count(start) : kUnbounded;
        if (!accept('}')) fail(start, "unclosed repetition '{'");
        if (hi < lo) fail(start, "repetition maximum below minimum");
        break;
      default:
        return atom;
    }
    Node n;
    n.kind = NodeKind::kRepeat;
    n.repeat_min = lo;
    n.repeat_max = hi;
    if (accept('?')) {
      n.mode = RepeatMode::kLazy;
    } else if (accept('+')) {
      n.mode = RepeatMode::kPossessive;
    }
    n.min_length = mul_sat(atom.min_length, lo);
    n.max_length = mul_sat(atom.max_length, hi);
    n.children.push_back(std::move(atom));
    return n;
  }

  std::optional<Node> parse_atom() {
    const std::size_t start = pos_;
    const char32_t c = text_[pos_++];
    switch (c) {
      case '(':
        return parse_group(start);
      case '[':
        return set_node(parse_class(start));
      case '.': {
        icu::UnicodeSet all(0, static_cast<UChar32>(kMaxCodePoint));
        if (!flags_.dotall) all.removeAll(line_terminator_set());
        return set_node(all);
      }
      case '^':
        return assertion(flags_.multiline ? AssertionKind::kLineStart : AssertionKind::kInputStart);
      case '$':
        return assertion(flags_.multiline ? AssertionKind::kLineEnd
                                          : AssertionKind::kInputEndOrNewline);
      case '\\':
        return escape_node(parse_escape(start, false));
      case '{':
        // Java quantifies an empty atom here (so `a+{2}` is `a+`); the
        // quantifier parser still rejects a `{` that does not start one.
        --pos_;
        return Node{};
      case '*':
      case '+':
      case '?':
        fail(start, std::string("dangling quantifier '") + static_cast<char>(c) + "'");
      default:
        return literal(c);
    }
  }

  Node escape_node(Escape e) {
    if (auto* cp = std::get_if<char32_t>(&e)) return literal(*cp);
    if (auto* s = std::get_if<icu::UnicodeSet>(&e)) {
      close_case(*s);
      return set_node(*s);
    }
    return std::move(std::get<Node>(e));
  }

  std::string parse_group_name(std::size_t start) {
    std::string name;
    if (!is_ascii_alpha(peek())) fail(start, "bad group name");
    while (is_ascii_alpha(peek()) || is_ascii_digit(peek()))
      name += static_cast<char>(text_[pos_++]);
    if (!accept('>')) fail(start, "bad group name");
    return name;
  }

  void parse_flags(std::size_t start) {
    bool enable = true;
    for (;;) {
      const char32_t c = peek();
      if (c == ')' || c == ':') return;
      ++pos_;
      switch (c) {
        case '-':
          enable = false;
          break;
        case 'i':
          flags_.case_insensitive = enable;
          break;
        case 'u':
          flags_.unicode_case = enable;
          break;
        case 's':
          flags_.dotall = enable;
          break;
        case 'm':
          flags_.multiline = enable;
          break;
        case 'd':
        case 'x':
        case 'U':
          fail(pos_ - 1, std::string("unsupported inline flag '") + static_cast<char>(c) + "'");
        default:
          fail(start, "unknown group construct");
      }
    }
  }

  std::optional<Node> parse_group(std::size_t start) {
    enter(start, "groups nested too deeply");
    const Flags saved = flags_;
    NodeKind kind = NodeKind::kGroup;
    GroupKind group_kind = GroupKind::kNonCapturing;
    LookKind look = LookKind::kAhead;
    std::size_t index = 0;
    if (accept('?')) {
      const char32_t c = peek();
      if (c == ':') {
        ++pos_;
      } else if (c == '=' || c == '!') {
        ++pos_;
        kind = NodeKind::kLook;
        look = c == '=' ? LookKind::kAhead : LookKind::kNegativeAhead;
      } else if (c == '>') {
        ++pos_;
        group_kind = GroupKind::kAtomic;
      } else if (c == '<' && (peek(1) == '=' || peek(1) == '!')) {
        kind = NodeKind::kLook;
        look = peek(1) == '=' ? LookKind::kBehind : LookKind::kNegativeBehind;
        pos_ += 2;
      } else if (c == '<') {
        ++pos_;
        const std::string name = parse_group_name(start);
        for (const auto& [known, _] : names_) {
          if (known == name) fail(start, "duplicate group name '" + name + "'");
        }
        group_kind = GroupKind::kCapturing;
        index = open_capture();
        names_.emplace_back(name, index);
      } else {
        parse_flags(start);
        if (accept(')')) {  // (?i): applies to the rest of the enclosing group
          --depth_;
          return std::nullopt;
        }
        ++pos_;  // ':'
      }
    } else {
      group_kind = GroupKind::kCapturing;
      index = open_capture();
    }
    Node body = parse_alternation();
    if (!accept(')')) fail(start, "unclosed group");
    flags_ = saved;
    --depth_;
    if (kind == NodeKind::kLook) {
      if ((look == LookKind::kBehind || look == LookKind::kNegativeBehind) &&
          body.max_length == kUnbounded) {
        fail(start, "lookbehind without an obvious maximum length");
      }
      Node n = wrap(NodeKind::kLook, std::move(body));
      n.look = look;
      return n;
    }
    Node n = wrap(NodeKind::kGroup, std::move(body));
    n.group_kind = group_kind;
    n.group_index = index;
    if (index != 0) group_lengths_[index] = {n.min_length, n.max_length};
    return n;
  }

  std::size_t open_capture() {
    group_lengths_.emplace_back(0, kUnbounded);  // until it closes (self-references)
    return ++group_count_;
  }

  Node backref(std::size_t start, std::size_t index) const {
    if (index == 0 || index > group_count_) {
      fail(start, "backreference to undefined group " + std::to_string(index));
    }
    Node n;
    n.kind = NodeKind::kBackref;
    n.group_index = index;
    n.case_insensitive = flags_.case_insensitive;
    n.min_length = group_lengths_[index].first;
    n.max_length = group_lengths_[index].second;
    return n;
  }

  // ---- character classes ----

  icu::UnicodeSet parse_class(std::size_t start) {
    enter(start, "character classes nested too deeply");
    const bool negated = accept('^');
    // Java: union binds tighter than &&; an empty operand of && is ignored.
    std::optional<icu::UnicodeSet> result;
    icu::UnicodeSet operand;
    bool operand_used = false;
    const auto fold = [&] {
      if (!operand_used) return;
      if (result) {
        result->retainAll(operand);
      } else {
        result = operand;
      }
      operand.clear();
      operand_used = false;
    };
    bool first = true;
    for (;;) {
      if (at_end()) fail(pos_, "unterminated character class");
      const char32_t c = peek();
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (c == '[') {
        ++pos_;
        operand.addAll(parse_class(pos_ - 1));
        operand_used = true;
      } else if (c == '&' && peek(1) == '&') {
        pos_ += 2;
        fold();
      } else {
        parse_class_range(operand);
        operand_used = true;
      }
    }
    fold();
    icu::UnicodeSet s = result.value_or(icu::UnicodeSet());
    close_case(s);
    if (negated) s.complement(0, static_cast<UChar32>(kMaxCodePoint));
    --depth_;
    return s;
  }

  Escape parse_class_atom() {
    const std::size_t start = pos_;
    const char32_t c = text_[pos_++];
    if (c == '\\') return parse_escape(start, true);
    return c;
  }

  void parse_class_range(icu::UnicodeSet& operand) {
    const std::size_t start = pos_;
    Escape lo = parse_class_atom();
    if (auto* s = std::get_if<icu::UnicodeSet>(&lo)) {
      operand.addAll(*s);
      return;
    }
    const char32_t first = std::get<char32_t>(lo);
    const char32_t after = peek(1);
    if (peek() != '-' || after == ']' || after == '[' || after == kEnd) {
      operand.add(static_cast<UChar32>(first));
      return;
    }
    ++pos_;  // '-'
    Escape hi = parse_class_atom();
    const auto* last = std::get_if<char32_t>(&hi);
    if (last == nullptr || *last < first) fail(start, "illegal character range");
    operand.add(static_cast<UChar32>(first), static_cast<UChar32>(*last));
  }

  // ---- escapes ----

  std::optional<char32_t> read_hex(std::size_t digits) {
    char32_t value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const int d = hex_value(peek(i));
      if (d < 0) return std::nullopt;
      value = value * 16 + static_cast<char32_t>(d);
    }
    pos_ += digits;
    return value;
  }

  char32_t parse_octal(std::size_t start) {
    const auto is_octal = [](char32_t c) { return c >= '0' && c <= '7'; };
    if (!is_octal(peek())) fail(start, "illegal octal escape");
    const char32_t n = text_[pos_++] - '0';
    if (!is_octal(peek())) return n;
    const char32_t m = text_[pos_++] - '0';
    if (!is_octal(peek()) || n > 3) return n * 8 + m;
    return n * 64 + m * 8 + (text_[pos_++] - '0');
  }

  char32_t parse_hex_escape(std::size_t start) {
    if (accept('{')) {
      char32_t value = 0;
      std::size_t digits = 0;
      while (hex_value(peek()) >= 0) {
        value = value * 16 + static_cast<char32_t>(hex_value(text_[pos_++]));
        if (value > kMaxCodePoint) fail(start, "hexadecimal escape above U+10FFFF");
        ++digits;
      }
      if (digits == 0 || !accept('}')) fail(start, "illegal hexadecimal escape");
      return value;
    }
    const auto value = read_hex(2);
    if (!value) fail(start, "illegal hexadecimal escape");
    return *value;
  }

  // \uhhhh takes exactly four digits; an escaped high surrogate directly
  // followed by an escaped low one is one supplementary code point (as Java).
  char32_t parse_unicode_escape(std::size_t start) {
    const auto high = read_hex(4);
    if (!high) fail(start, "illegal Unicode escape");
    if (*high >= 0xD800 && *high <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
      const std::size_t saved = pos_;
      pos_ += 2;
      const auto low = read_hex(4);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        return 0x10000 + ((*high - 0xD800) << 10) + (*low - 0xDC00);
      }
      pos_ = saved;
    }
    return *high;
  }

  icu::UnicodeSet parse_property(std::size_t start, bool negated) {
    std::string name;
    if (accept('{')) {
      while (!at_end() && peek() != '}') {
        const char32_t c = text_[pos_++];
        if (c >= 0x80) fail(start, "unknown character property");
        name += static_cast<char>(c);
      }
      if (!accept('}')) fail(start, "unclosed character property");
    } else {
      if (at_end() || peek() >= 0x80) fail(start, "illegal character property");
      name = static_cast<char>(text_[pos_++]);
    }
    auto s = java_property(name);
    if (!s) fail(start, "unknown character property \\p{" + name + "}");
    if (negated) s->complement(0, static_cast<UChar32>(kMaxCodePoint));
    return *s;
  }

  Node linebreak() const {
    // \R is (?>\r\n|[\n\x0B\f\r\x85\u2028\u2029]) in Java.
    std::vector<Node> crlf;
    crlf.push_back(set_node(icu::UnicodeSet('\r', '\r')));
    crlf.push_back(set_node(icu::UnicodeSet('\n', '\n')));
    std::vector<Node> branches;
    branches.push_back(sequence(std::move(crlf)));
    branches.push_back(set_node(vertical_space_set()));
    Node n = wrap(NodeKind::kGroup, alternation(std::move(branches)));
    n.group_kind = GroupKind::kAtomic;
    return n;
  }

  Escape parse_escape(std::size_t start, bool in_class) {
    if (at_end()) fail(start, "trailing backslash");
    const char32_t c = text_[pos_++];
    const auto outside_only = [&](std::string_view what) {
      if (in_class) fail(start, std::string(what) + " inside a character class");
    };
    switch (c) {
      case '0':
        return parse_octal(start);
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9': {
        outside_only("backreference");
        // Java takes further digits only while they still name an existing group.
        std::size_t index = c - '0';
        while (is_ascii_digit(peek()) && index * 10 + (peek() - '0') <= group_count_) {
          index = index * 10 + (text_[pos_++] - '0');
        }
        return backref(start, index);
      }
      case 'k': {
        outside_only("backreference");
        if (!accept('<')) fail(start, "\\k is not followed by '<'");
        const std::string name = parse_group_name(start);
        for (const auto& [known, index] : names_) {
          if (known == name) return backref(start, index);
        }
        fail(start, "named backreference to undefined group '" + name + "'");
      }
      case 'a':
        return char32_t{0x07};
      case 'e':
        return char32_t{0x1B};
      case 'f':
        return char32_t{0x0C};
      case 'n':
        return char32_t{0x0A};
      case 'r':
        return char32_t{0x0D};
      case 't':
        return char32_t{0x09};
      case 'c':
        if (at_end()) fail(start, "illegal control escape");
        return static_cast<char32_t>(text_[pos_++] ^ 64);
      case 'x':
        return parse_hex_escape(start);
      case 'u':
        return parse_unicode_escape(start);
      case 'd':
        return digit_set();
      case 'D':
        return complement(digit_set());
      case 'w':
        return word_set();
      case 'W':
        return complement(word_set());
      case 's':
        return space_set();
      case 'S':
        return complement(space_set());
      case 'h':
        return horizontal_space_set();
      case 'H':
        return complement(horizontal_space_set());
      case 'v':
        return vertical_space_set();
      case 'V':
        return complement(vertical_space_set());
      case 'p':
      case 'P':
        return parse_property(start, c == 'P');
      case 'b':
        outside_only("\\b");
        if (peek() == '{') fail(start, "unsupported boundary \\b{...}");
        return assertion(AssertionKind::kWordBoundary);
      case 'B':
        outside_only("\\B");
        return assertion(AssertionKind::kNotWordBoundary);
      case 'A':
        outside_only("\\A");
        return assertion(AssertionKind::kInputStart);
      case 'z':
        outside_only("\\z");
        return assertion(AssertionKind::kInputEnd);
      case 'Z':
        outside_only("\\Z");
        return assertion(AssertionKind::kInputEndOrNewline);
      case 'R':
        outside_only("\\R");
        return linebreak();
      default:
        if (is_ascii_alpha(c)) {
          fail(start, std::string("unsupported escape sequence '\\") + static_cast<char>(c) + "'");
        }
        return c;  // escaped punctuation and non-ASCII stand for themselves
    }
  }

  std::string_view source_;
  std::u32string text_;
  std::vector<std::size_t> origin_;  // text_ index -> code-point offset in the source
  std::size_t pos_ = 0;
  Flags flags_;
  std::size_t depth_ = 0;
  std::size_t group_count_ = 0;
  std::vector<std::pair<std::size_t, std::size_t>> group_lengths_;  // by group number
  std::vector<std::pair<std::string, std::size_t>> names_;
};

std::size_t invalid_utf8_offset(std::string_view source) {
  // Code points before the first invalid sequence (for the error message).
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < source.size(); ++count) {
    const auto b = static_cast<unsigned char>(source[pos]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (!text::is_valid_utf8(source.substr(pos, len))) break;
    pos += len;
  }
  return count;
}

}  // namespace

ParsedPattern parse_pattern(std::string_view source) {
  const auto decoded = text::decode_utf8(source);
  if (!decoded) throw pattern_error(source, invalid_utf8_offset(source), "invalid UTF-8");
  // Java strips \Q...\E first, escaping each quoted non-alphanumeric character.
  std::u32string text;
  std::vector<std::size_t> origin;
  const std::u32string& in = *decoded;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\\' && i + 1 < in.size() && in[i + 1] == 'Q') {
      for (i += 2; i < in.size(); ++i) {
        if (in[i] == '\\' && i + 1 < in.size() && in[i + 1] == 'E') {
          ++i;
          break;
        }
        if (!is_ascii_alpha(in[i]) && !is_ascii_digit(in[i])) {
          text += U'\\';
          origin.push_back(i);
        }
        text += in[i];
        origin.push_back(i);
      }
      continue;
    }
    text += in[i];
    origin.push_back(i);
    if (in[i] == '\\' && i + 1 < in.size()) {  // keep an escaped character with its backslash
      text += in[++i];
      origin.push_back(i);
    }
  }
  origin.push_back(in.size());
  return Parser(source, std::move(text), std::move(origin)).parse();
}

}  // namespace cpct::pattern::detail
