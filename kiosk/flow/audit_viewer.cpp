#include "kiosk/flow/audit_viewer.hpp"

#include <algorithm>

namespace motcua::kiosk {

namespace {

constexpr std::int64_t kMillisPerDay = 86400000;

int span_days(AuditSpan span) {
    switch (span) {
        case AuditSpan::day:
            return 1;
        case AuditSpan::week:
            return 7;
        case AuditSpan::month:
            return 30;
    }
    return 1;
}

// UTC time of the local midnight that starts `date`.
UtcMillis local_midnight(const std::string& date, int offset_minutes) {
    return days_from_civil(date) * kMillisPerDay -
           static_cast<std::int64_t>(offset_minutes) * 60000;
}

}  // namespace

bool audit_filter_matches(AuditFilter filter, const std::string& action) {
    switch (filter) {
        case AuditFilter::all:
            return true;
        case AuditFilter::sign_ins:
            return action == "signin_ok" || action == "signin_failed" || action == "signout";
        case AuditFilter::desk:
            return action == "desk_signin" || action == "desk_signout";
        case AuditFilter::corrections:
            return action == "void" || action == "paper_entry";
        case AuditFilter::exports:
            return action == "export";
    }
    return true;
}

void AuditViewer::start(const StaffMember& viewer) {
    viewer_ = viewer;
    UtcMillis now = clock_.now_utc();
    today_ = local_date(now, clock_.utc_offset_minutes(now));
    day_ = today_;
    span_ = AuditSpan::day;
    filter_ = AuditFilter::all;
    last_export_.reset();
    names_.clear();
    if (records_) {
        for (const StaffMember& member : records_->all_staff()) {
            names_[member.id] = member.name;
        }
    }
    refresh_folders();
    load();
}

void AuditViewer::stop() {
    viewer_.reset();
    all_.clear();
    shown_.clear();
    names_.clear();
    folders_.clear();
    last_export_.reset();
}

void AuditViewer::load() {
    all_.clear();
    read_failed_ = false;
    if (records_) {
        UtcMillis now = clock_.now_utc();
        int offset = clock_.utc_offset_minutes(now);
        UtcMillis from = local_midnight(from_date(), offset);
        UtcMillis to = local_midnight(day_, offset) + kMillisPerDay;
        Fetched<std::vector<AuditEntry>> entries = records_->audit_entries(from, to);
        if (entries.value) {
            all_ = std::move(*entries.value);
        } else {
            read_failed_ = true;
        }
    }
    apply_filter();
}

void AuditViewer::apply_filter() {
    shown_.clear();
    for (const AuditEntry& entry : all_) {
        if (audit_filter_matches(filter_, entry.action)) {
            shown_.push_back(entry);
        }
    }
    page_ = 0;
}

std::string AuditViewer::from_date() const {
    return civil_from_days(days_from_civil(day_) - (span_days(span_) - 1));
}

void AuditViewer::previous_day() {
    if (active()) {
        day_ = civil_from_days(days_from_civil(day_) - 1);
        load();
    }
}

void AuditViewer::next_day() {
    if (active() && !day_is_today()) {
        day_ = civil_from_days(days_from_civil(day_) + 1);
        load();
    }
}

void AuditViewer::show_today() {
    if (active()) {
        day_ = today_;
        load();
    }
}

void AuditViewer::set_span(AuditSpan span) {
    if (active() && span != span_) {
        span_ = span;
        load();
    }
}

void AuditViewer::set_filter(AuditFilter filter) {
    if (active() && filter != filter_) {
        filter_ = filter;
        apply_filter();
    }
}

std::string AuditViewer::name_of(const std::string& id) const {
    auto it = names_.find(id);
    return it == names_.end() ? std::string() : it->second;
}

//-----------------------------------------------------------------------------
// Paging
//-----------------------------------------------------------------------------

void AuditViewer::set_page_size(std::size_t rows) {
    rows = std::max<std::size_t>(rows, 1);
    if (rows != page_size_) {
        page_size_ = rows;
        page_ = std::min(page_, page_count() - 1);
    }
}

std::size_t AuditViewer::page_count() const {
    return std::max<std::size_t>(1, (shown_.size() + page_size_ - 1) / page_size_);
}

void AuditViewer::next_page() {
    if (page_ + 1 < page_count()) {
        ++page_;
    }
}

void AuditViewer::previous_page() {
    if (page_ > 0) {
        --page_;
    }
}

std::size_t AuditViewer::page_first() const {
    return std::min(shown_.size(), page_ * page_size_);
}

std::size_t AuditViewer::page_last() const {
    return std::min(shown_.size(), page_first() + page_size_);
}

//-----------------------------------------------------------------------------
// Export
//-----------------------------------------------------------------------------

void AuditViewer::refresh_folders() {
    std::string chosen_path =
        chosen_folder_ < folders_.size() ? folders_[chosen_folder_].path.string() : "";
    folders_ = records_ ? records_->export_folders() : std::vector<ExportFolder>{};
    chosen_folder_ = 0;
    for (std::size_t i = 0; i < folders_.size(); ++i) {
        if (folders_[i].path.string() == chosen_path) {
            chosen_folder_ = i;
        }
    }
}

void AuditViewer::choose_folder(std::size_t index) {
    if (index < folders_.size()) {
        chosen_folder_ = index;
        last_export_.reset();
    }
}

void AuditViewer::export_shown() {
    if (!active() || !records_ || chosen_folder_ >= folders_.size()) {
        return;
    }
    last_export_ =
        records_->export_audit(shown_, from_date(), day_, folders_[chosen_folder_].path, *viewer_);
    load();
}

}  // namespace motcua::kiosk
