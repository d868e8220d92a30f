#pragma once
// Where each touch target was drawn in the last frame, by a stable name ("answer.2",
// "keypad.7", "send"). Tests click the real buttons through it; the app does not need it.

#include <map>
#include <optional>
#include <string>

#include "kiosk/ui/layout.hpp"

namespace motcua::kiosk::ui {

class HitMap {
  public:
    void clear() { boxes_.clear(); }
    void record(const std::string& name, const Box& box) { boxes_[name] = box; }
    std::optional<Box> find(const std::string& name) const {
        auto it = boxes_.find(name);
        if (it == boxes_.end()) {
            return std::nullopt;
        }
        return it->second;
    }
    const std::map<std::string, Box>& all() const { return boxes_; }

  private:
    std::map<std::string, Box> boxes_;
};

}  // namespace motcua::kiosk::ui
