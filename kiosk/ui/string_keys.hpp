#pragma once
// Every text the kiosk's own screens show, by key. The texts live in assets/i18n/vi.json and
// en.json under these exact keys; loading refuses a file that misses one or has an extra one.
// Question texts, answers and stage names come from the form, not from here.

#define MOTCUA_KIOSK_STRING_KEYS(X) \
    X(language_vi)                  \
    X(language_en)                  \
    X(welcome_title)                \
    X(welcome_subtitle)             \
    X(welcome_scan)                 \
    X(welcome_or)                   \
    X(welcome_type_code)            \
    X(welcome_official)             \
    X(welcome_staff_alert)          \
    X(weekday_0)                    \
    X(weekday_1)                    \
    X(weekday_2)                    \
    X(weekday_3)                    \
    X(weekday_4)                    \
    X(weekday_5)                    \
    X(weekday_6)                    \
    X(date_format)                  \
    X(common_back)                  \
    X(common_next)                  \
    X(common_skip)                  \
    X(common_home)                  \
    X(dossier_label)                \
    X(code_title)                   \
    X(code_instruction)             \
    X(code_example)                 \
    X(code_placeholder)             \
    X(code_erase)                   \
    X(code_clear)                   \
    X(code_letters)                 \
    X(code_digits)                  \
    X(code_ok)                      \
    X(code_scan_anytime)            \
    X(code_problem_empty)           \
    X(code_problem_too_long)        \
    X(code_problem_unreadable)      \
    X(code_problem_bad_shape)       \
    X(stage_title)                  \
    X(stage_hint)                   \
    X(question_progress)            \
    X(question_tap_hint)            \
    X(question_hint)                \
    X(question_bad_scan)            \
    X(follow_up_hint_multiple)      \
    X(follow_up_hint_single)        \
    X(review_title)                 \
    X(review_hint)                  \
    X(review_skipped)               \
    X(review_change)                \
    X(review_follow_ups)            \
    X(review_send)                  \
    X(thanks_title)                 \
    X(thanks_body)                  \
    X(already_title)                \
    X(already_body)                 \
    X(save_failed_title)            \
    X(save_failed_body)             \
    X(save_failed_retry)            \
    X(save_failed_done)             \
    X(countdown_title)              \
    X(countdown_body)               \
    X(countdown_continue)           \
    X(pin_title)                    \
    X(pin_hint)                     \
    X(pin_wrong)                    \
    X(pin_locked)                   \
    X(pin_ok)                       \
    X(staff_hello)                  \
    X(staff_role_admin)             \
    X(staff_unsaved)                \
    X(staff_exit)

namespace motcua::kiosk::ui {

enum class Str {
#define MOTCUA_KIOSK_STRING_ENUM(name) name,
    MOTCUA_KIOSK_STRING_KEYS(MOTCUA_KIOSK_STRING_ENUM)
#undef MOTCUA_KIOSK_STRING_ENUM
};

}  // namespace motcua::kiosk::ui
