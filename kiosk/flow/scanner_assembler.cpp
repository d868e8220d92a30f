#include "kiosk/flow/scanner_assembler.hpp"

#include "kiosk/flow/text_entry.hpp"

namespace motcua::kiosk {

namespace {

bool is_acceptable(char32_t c) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
        return false;  // C0/C1 controls, DEL
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
        return false;  // surrogates are not characters
    }
    return c <= 0x10FFFF;
}

}  // namespace

void ScannerAssembler::push(char32_t code_point) {
    if (!is_acceptable(code_point) || characters_ >= kMaxCharacters) {
        return;
    }
    text_ += utf8_of(code_point);
    ++characters_;
}

void ScannerAssembler::pop() {
    if (text_.empty()) {
        return;
    }
    // Drop continuation bytes, then the lead byte.
    while (!text_.empty() && (static_cast<unsigned char>(text_.back()) & 0xC0) == 0x80) {
        text_.pop_back();
    }
    if (!text_.empty()) {
        text_.pop_back();
    }
    --characters_;
}

std::string ScannerAssembler::take() {
    std::string out = std::move(text_);
    clear();
    return out;
}

void ScannerAssembler::clear() {
    text_.clear();
    characters_ = 0;
}

}  // namespace motcua::kiosk
