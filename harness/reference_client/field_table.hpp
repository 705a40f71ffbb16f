#pragma once
// How a struct names its model members: a Fields<T> specialisation lists
// each member once, with the model's name, and the codec and the redacting
// printer walk that list. The tables themselves are in fields.hpp.
// Internal to cpct_reference_client.
#include <optional>
#include <tuple>
#include <type_traits>

namespace cpct::reference_client::detail {

template <class S, class M>
struct Field {
  const char* name;  // the model's member name
  M S::*member;
};
// Spelled out: clang before 17 has no class template argument deduction for
// aggregates, and the fuzz build uses clang.
template <class S, class M>
Field(const char*, M S::*) -> Field<S, M>;

/// Specialised for each struct: `list`, a tuple of Fields in model order,
/// and `kSensitive`, whether the model marks the structure sensitive.
template <class T>
struct Fields;

template <class T>
concept Structure = requires {
  Fields<T>::list;
};

/// Calls f(field) for each field of T, in model order.
template <Structure T, class F>
void for_each_field(F&& f) {
  std::apply([&](const auto&... field) { (f(field), ...); }, Fields<T>::list);
}

/// Whether a member is std::optional (may be absent) or a plain value (a
/// member the model requires in a request: always present).
template <class M>
inline constexpr bool kIsOptional = false;
template <class M>
inline constexpr bool kIsOptional<std::optional<M>> = true;

/// The member's value, or nullptr when it is absent.
template <class M>
const M* present(const M& member) {
  return &member;
}
template <class M>
const M* present(const std::optional<M>& member) {
  return member ? &*member : nullptr;
}

}  // namespace cpct::reference_client::detail
