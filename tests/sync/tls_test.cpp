// TLS with a certificate made at test time by openssl: trusted with its CA configured, refused
// without it, and refused when the pinned key does not match.

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "sync/uploader.hpp"
#include "tests/sync/sync_fixture.hpp"

using namespace motcua;
using namespace motcua::test;

namespace {

const SystemClock kClock;

void run_shell(const std::string& command) {
    INFO(command);
    REQUIRE(std::system((command + " 2>/dev/null").c_str()) == 0);
}

std::string read_trimmed(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::string text;
    std::getline(file, text);
    return text;
}

// A CA and a server certificate for 127.0.0.1 and localhost signed by it, in `dir`.
struct Certificates {
    explicit Certificates(const std::filesystem::path& dir)
        : ca(dir / "ca.crt"), cert(dir / "server.crt"), key(dir / "server.key") {
        const std::string d = dir.string();
        const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        run_shell("openssl req -x509 " + ec + " -days 2 -subj /CN=motcua-test-ca -keyout " + d +
                  "/ca.key -out " + ca.string());
        run_shell("openssl req " + ec + " -subj /CN=localhost -keyout " + key.string() + " -out " +
                  d + "/server.csr");
        std::ofstream(dir / "ext.cnf")
            << "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n";
        run_shell("openssl x509 -req -in " + d + "/server.csr -CA " + ca.string() + " -CAkey " + d +
                  "/ca.key -CAcreateserial -days 2 -out " + cert.string() + " -extfile " + d +
                  "/ext.cnf");
        run_shell("openssl pkey -in " + key.string() +
                  " -pubout -outform der | openssl dgst -sha256 -binary | openssl base64 -A > " +
                  d + "/pin");
        pin = "sha256//" + read_trimmed(dir / "pin");
    }
    std::filesystem::path ca;
    std::filesystem::path cert;
    std::filesystem::path key;
    std::string pin;
};

}  // namespace

TEST_CASE("a server certificate is trusted only through the configured CA") {
    TempDir certificates_dir;
    const Certificates certificates(certificates_dir.path());
    SyncFixture province(
        {"--tls-cert", certificates.cert.string(), "--tls-key", certificates.key.string()});
    REQUIRE_THAT(province.server->url(), Catch::StartsWith("https://127.0.0.1:"));
    const auto ids = save_ratings(province.store, province.factory, 300);
    SyncOptions options = province.options();

    SECTION("without the CA the connection is refused and nothing leaves the queue") {
        const SyncReport report = run_sync(province.store, options, kClock);
        CHECK(report.outcome == SyncOutcome::failed);
        CHECK(report.counts.retries == 0);  // a trust failure is not retried
        CHECK_THAT(report.error, Catch::Contains("certificate") || Catch::Contains("SSL"));
        CHECK(report.pending_after == 300);
        CHECK(province.server_stats().ratings == 0);
    }
    SECTION("with the CA configured everything is delivered") {
        options.http.ca_file = certificates.ca.string();
        const SyncReport report = run_sync(province.store, options, kClock);
        INFO(report.error);
        CHECK(report.outcome == SyncOutcome::complete);
        CHECK(province.server_rating_ids() == sorted(ids));
    }
    SECTION("with the CA and the server's pinned key everything is delivered") {
        options.http.ca_file = certificates.ca.string();
        options.http.pinned_public_key = certificates.pin;
        const SyncReport report = run_sync(province.store, options, kClock);
        INFO(report.error);
        CHECK(report.outcome == SyncOutcome::complete);
    }
    SECTION("a pin that does not match refuses even a trusted certificate") {
        options.http.ca_file = certificates.ca.string();
        options.http.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        const SyncReport report = run_sync(province.store, options, kClock);
        CHECK(report.outcome == SyncOutcome::failed);
        CHECK(report.pending_after == 300);
        CHECK(province.server_stats().ratings == 0);
    }
}
