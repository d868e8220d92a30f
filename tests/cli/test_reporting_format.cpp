// The reporting library's writers: CSV fields, numbers, the text table.

#include <catch2/catch.hpp>

#include "reporting/csv.hpp"
#include "reporting/number_format.hpp"
#include "reporting/text_table.hpp"

using namespace motcua;

TEST_CASE("csv quotes only the fields that need it, as RFC 4180 says", "[reporting][csv]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("Nguyễn Văn An") == "Nguyễn Văn An");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_record({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
    CHECK(csv_record({}) == "\r\n");
}

TEST_CASE("numbers: fixed for people, exact for machines", "[reporting][numbers]") {
    CHECK(format_fixed(13.9285, 2) == "13.93");
    CHECK(format_fixed(2, 2) == "2.00");
    CHECK(format_fixed(-0.001, 2) == "0.00");
    CHECK(format_fixed(-1.5, 1) == "-1.5");
    CHECK(format_exact(0.1) == "0.1");
    CHECK(format_exact(2) == "2");
    double third = 1.0 / 3.0;
    CHECK(std::strtod(format_exact(third).c_str(), nullptr) == third);
    double mean = 1.64 + 1e-15;
    CHECK(std::strtod(format_exact(mean).c_str(), nullptr) == mean);
}

TEST_CASE("display width counts characters, not bytes or combining marks", "[reporting][table]") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("Nguyễn") == 6);
    CHECK(display_width("Nguye\xCC\x82\xCC\x83n") == 6);  // decomposed: marks take no column
    CHECK(display_width("") == 0);
    CHECK(display_width("\xFF") == 1);  // broken bytes still take a column
}

TEST_CASE("text table pads columns to the widest cell", "[reporting][table]") {
    TextTable table({"Name", "N"}, {Align::left, Align::right});
    table.add_row({"Lò Văn Sơn", "7"});
    table.add_row({"An", "120"});
    table.add_row({"Bình"});
    CHECK(table.render() ==
          "Name          N\n"
          "---------------\n"
          "Lò Văn Sơn    7\n"
          "An          120\n"
          "Bình\n");
    CHECK_THROWS_AS(table.add_row({"a", "b", "c"}), std::invalid_argument);
}
