// core/log_redact: tokens, PINs, URL passwords and dossier codes never reach a log line whole.

#include <catch2/catch.hpp>

#include "core/log_redact.hpp"

using namespace motcua;

TEST_CASE("dossier codes keep only their last four characters", "[ops][logs]") {
    CHECK(mask_dossier_code("000.00.24.H18-221228-0001") == "…0001");
    CHECK(mask_dossier_code("0001") == "…");
    CHECK(redact_log_line("dossier 000.00.24.H18-221228-0042 already rated at stage intake") ==
          "dossier …0042 already rated at stage intake");
    CHECK(
        redact_log_line("STAFF ALERT: could not save (dossier H18-221228-123456, H18-221229-7)") ==
        "STAFF ALERT: could not save (dossier …3456, H18-221229-7)");
}

TEST_CASE("tokens, bearer headers, URL passwords and PINs are masked", "[ops][logs]") {
    const std::string token = "mct_" + std::string(64, 'a');
    CHECK(redact_log_line("token " + token + " refused") == "token [redacted] refused");
    CHECK(redact_log_line("Authorization: Bearer abc.def") == "Authorization: Bearer [redacted]");
    CHECK(redact_log_line("sync worker started: https://kiosk:s3cret@sync.example.vn/api") ==
          "sync worker started: https://[redacted]@sync.example.vn/api");
    CHECK(redact_log_line("PIN=123456 wrong") == "PIN=[redacted] wrong");
    CHECK(redact_log_line("staff sign-in: officer-1") == "staff sign-in: officer-1");
}

TEST_CASE("log_fields writes key=value pairs, quoting where needed", "[ops][logs]") {
    CHECK(log_fields({{"app", "motcua-kiosk"}, {"msg", "ready"}}) == "app=motcua-kiosk msg=ready");
    CHECK(log_fields({{"msg", "say \"hi\" a=b"}, {"empty", ""}}) ==
          R"(msg="say \"hi\" a=b" empty="")");
    CHECK(log_fields({{"msg", "rated 000.00.24.H18-221228-0001"}}) == "msg=\"rated …0001\"");
}
