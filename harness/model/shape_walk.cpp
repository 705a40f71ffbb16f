#include "model/shape_walk.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cpct::model {
namespace {

// Deep enough for every AWS model seen; bounds pathological inputs.
constexpr std::size_t kMaxDepth = 24;

class Walker {
 public:
  explicit Walker(const std::function<void(const PathVisit&)>& visit) : visit_(visit) {}

  void structure(const Shape& shape) {
    if (std::find(stack_.begin(), stack_.end(), &shape) != stack_.end()) return;
    if (path_.size() > kMaxDepth) return;
    stack_.push_back(&shape);
    for (const auto& member : shape.members) {
      path_.push_back({PathStep::Kind::kMember, member.name});
      visit_(PathVisit{path_, *member.shape, &member});
      descend(*member.shape);
      path_.pop_back();
    }
    stack_.pop_back();
  }

 private:
  void descend(const Shape& shape) {
    switch (shape.type) {
      case ShapeType::kStructure:
        structure(shape);
        break;
      case ShapeType::kList:
        nested(PathStep::Kind::kElement, *shape.list_member.shape);
        break;
      case ShapeType::kMap:
        path_.push_back({PathStep::Kind::kMapKey, {}});
        visit_(PathVisit{path_, *shape.map_key.shape, nullptr});
        path_.pop_back();
        nested(PathStep::Kind::kMapValue, *shape.map_value.shape);
        break;
      default:
        break;
    }
  }

  void nested(PathStep::Kind kind, const Shape& shape) {
    if (path_.size() > kMaxDepth) return;
    path_.push_back({kind, {}});
    visit_(PathVisit{path_, shape, nullptr});
    descend(shape);
    path_.pop_back();
  }

  const std::function<void(const PathVisit&)>& visit_;
  ShapePath path_;
  std::vector<const Shape*> stack_;
};

}  // namespace

void walk_paths(const Shape& root, const std::function<void(const PathVisit&)>& visit) {
  Walker(visit).structure(root);
}

std::string format_number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.2e18)
    return std::to_string(static_cast<long long>(value));
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace cpct::model
