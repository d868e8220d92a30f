#pragma once
// A frame drawn with other commands than ImGui built (narrowed to the damage, opaque runs split
// off), without copying its vertices or indices: each command list gets the commands
// `make(list)` returns, and its own back afterwards. Used by both presenters.

#include <imgui.h>

#include <cstddef>
#include <vector>

namespace motcua::kiosk::app {

// Gives every command list of `frame` the commands `make(list)` returns, and returns the
// lists' own commands for swap_back().
template <typename MakeCommands>
std::vector<ImVector<ImDrawCmd>> swap_in(ImDrawData& frame, MakeCommands make) {
    std::vector<ImVector<ImDrawCmd>> originals(static_cast<std::size_t>(frame.CmdListsCount));
    for (int i = 0; i < frame.CmdListsCount; ++i) {
        ImVector<ImDrawCmd> made = make(*frame.CmdLists[i]);
        frame.CmdLists[i]->CmdBuffer.swap(made);
        originals[static_cast<std::size_t>(i)].swap(made);
    }
    return originals;
}

inline void swap_back(ImDrawData& frame, std::vector<ImVector<ImDrawCmd>>& originals) {
    for (int i = 0; i < frame.CmdListsCount; ++i) {
        frame.CmdLists[i]->CmdBuffer.swap(originals[static_cast<std::size_t>(i)]);
    }
}

}  // namespace motcua::kiosk::app
