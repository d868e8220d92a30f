#include "kiosk/app/shown_frame.hpp"

#include <cstring>
#include <type_traits>

namespace motcua::kiosk::app {

namespace {

// Field by field: ImDrawCmd has padding, whose bytes are not part of the frame.
template <typename T>
void append(std::vector<unsigned char>& bytes, const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* begin = reinterpret_cast<const unsigned char*>(&value);
    bytes.insert(bytes.end(), begin, begin + sizeof value);
}

template <typename T>
void append_all(std::vector<unsigned char>& bytes, const ImVector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    append(bytes, values.Size);
    const auto* begin = reinterpret_cast<const unsigned char*>(values.Data);
    bytes.insert(bytes.end(), begin, begin + static_cast<std::size_t>(values.size_in_bytes()));
}

void append_frame(std::vector<unsigned char>& bytes, const ImDrawData& frame) {
    append(bytes, frame.DisplayPos);
    append(bytes, frame.DisplaySize);
    append(bytes, frame.FramebufferScale);
    append(bytes, frame.CmdListsCount);
    for (int list_index = 0; list_index < frame.CmdListsCount; ++list_index) {
        const ImDrawList& list = *frame.CmdLists[list_index];
        append(bytes, list.CmdBuffer.Size);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            append(bytes, command.ClipRect);
            append(bytes, command.TextureId);
            append(bytes, command.VtxOffset);
            append(bytes, command.IdxOffset);
            append(bytes, command.ElemCount);
            append(bytes, command.UserCallback);
            append(bytes, command.UserCallbackData);
        }
        append_all(bytes, list.VtxBuffer);
        append_all(bytes, list.IdxBuffer);
    }
}

}  // namespace

Damage ShownFrame::replace(const ImDrawData& frame) {
    candidate_.clear();
    append_frame(candidate_, frame);
    if (!shown_.empty() && candidate_ == shown_) {
        return {};
    }
    shown_.swap(candidate_);
    return damage_.update(frame);
}

}  // namespace motcua::kiosk::app
