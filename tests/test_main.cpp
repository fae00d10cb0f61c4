// The doctest runner shared by every test file in tests/. CTest runs one test case a process, by name
// (doctest_discover_tests): a name that the filter fails to match would run nothing and pass, as the names with a
// ';' once did (CMake splits its lists there). So a run whose --test-case filter matches no test case fails.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>

namespace {

// How many test cases passed the filters in the last run.
int testCasesSelected = -1;

// A listener that notes the count at the end of the run (doctest's reporters see it; main() does not).
struct SelectionCounter : doctest::IReporter {
  explicit SelectionCounter(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override {
    testCasesSelected = static_cast<int>(stats.numTestCasesPassingFilters);
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("selection-counter", 1, SelectionCounter);

// Whether the arguments name test cases to run.
bool filtersTestCases(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--test-case=", 12) == 0 || std::strncmp(argv[i], "-tc=", 4) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) return result;  // a query such as --list-test-cases
  if (result == 0 && filtersTestCases(argc, argv) && testCasesSelected == 0) {
    std::fprintf(stderr, "test_main: the --test-case filter matched no test case; nothing was tested\n");
    return 1;
  }
  return result;
}
