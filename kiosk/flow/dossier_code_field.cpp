#include "kiosk/flow/dossier_code_field.hpp"

namespace motcua::kiosk {

void DossierCodeField::tap(std::string_view keys) {
    for (char c : keys) {
        if (text_.length() >= validator_.rules().max_length) {
            break;
        }
        text_.push(static_cast<unsigned char>(c));
    }
    keyboard_starts_new_code_ = true;
    problem_ = DossierCodeProblem::none;
}

void DossierCodeField::type(char32_t code_point) {
    if (keyboard_starts_new_code_) {
        text_.clear();
        keyboard_starts_new_code_ = false;
    }
    if (text_.length() < validator_.rules().max_length) {
        text_.push(code_point);
    }
    problem_ = DossierCodeProblem::none;
}

void DossierCodeField::erase_last() {
    text_.pop();
    problem_ = DossierCodeProblem::none;
}

void DossierCodeField::clear() {
    text_.clear();
    keyboard_starts_new_code_ = false;
    problem_ = DossierCodeProblem::none;
}

DossierCodeResult DossierCodeField::submit() {
    DossierCodeResult result = validator_.check(text_.text());
    problem_ = result.problem;
    keyboard_starts_new_code_ = !result.ok();
    return result;
}

void DossierCodeField::show_refused(std::string_view raw, DossierCodeProblem problem) {
    text_.clear();
    for (char c : raw) {
        unsigned char byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            text_.push(byte);
        } else if ((byte & 0xC0) != 0x80) {
            text_.push(U'?');
        }
    }
    keyboard_starts_new_code_ = true;
    problem_ = problem;
}

}  // namespace motcua::kiosk
