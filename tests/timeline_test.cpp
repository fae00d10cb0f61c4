// The scripted demo's timeline: its JSON, its validation (naming the event and the key), and each event applied
// exactly at its iteration, with the change in the metrics CSV.
#include <doctest/doctest.h>

#include "core/gan/config_json.h"
#include "core/gan/metrics_row.h"
#include "core/gan/trainer.h"
#include "tests/small_ring_config.h"

using namespace ganscope;
using ganscope::testing::smallRingConfig;

namespace {

Config withTimeline(const std::string& timelineJson) {
  Config c = smallRingConfig(1);
  applySetting(c, "timeline=" + timelineJson);
  return c;
}

std::string firstProblem(const Config& c) {
  const auto problems = validate(c);
  return problems.empty() ? std::string() : problems.front();
}

}  // namespace

TEST_CASE("timeline: events read from JSON and written back the same") {
  const Config c = withTimeline(
      R"([{"at": 0, "caption": "start"}, {"at": 120, "set": {"penalty.r1": 1, "loss": "hinge"}, "caption": "R1"}])");
  REQUIRE(c.timeline.size() == 2);
  CHECK(c.timeline[0].at == 0);
  CHECK(c.timeline[0].set.empty());
  CHECK(c.timeline[0].caption == std::optional<std::string>("start"));
  REQUIRE(c.timeline[1].set.size() == 2);
  CHECK(c.timeline[1].set[0].key == "loss");  // nlohmann keeps object keys sorted
  CHECK(c.timeline[1].set[0].value == "\"hinge\"");
  CHECK(c.timeline[1].set[1].key == "penalty.r1");
  CHECK(c.timeline[1].set[1].value == "1");
  CHECK(validate(c).empty());
  const Config back = parseConfigText(configJsonText(c), "round trip");
  CHECK(back == c);
  // A config without a timeline reads back without one.
  CHECK(parseConfigText(configJsonText(smallRingConfig(1)), "plain").timeline.empty());
}

TEST_CASE("timeline: the shape of an event is checked when read, naming the event") {
  auto refused = [](const std::string& json) {
    try {
      (void)withTimeline(json);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused(R"({"at": 1})").find("timeline: expected a list of events") != std::string::npos);
  CHECK(refused(R"([{"set": {"pack": 2}}])").find("timeline[0]: needs \"at\"") != std::string::npos);
  CHECK(refused(R"([{"at": -5}])").find("timeline[0].at: expected an iteration from 0") != std::string::npos);
  CHECK(refused(R"([{"at": 1.5}])").find("timeline[0].at") != std::string::npos);
  CHECK(refused(R"([{"at": 1, "when": 2}])").find("timeline[0]: unknown key 'when'; allowed keys: at, set, caption") !=
        std::string::npos);
  CHECK(refused(R"([{"at": 1}, {"at": 2, "set": [1]}])").find("timeline[1].set: expected an object") !=
        std::string::npos);
  CHECK(refused(R"([{"at": 1, "caption": 7}])").find("timeline[0].caption: expected a string") != std::string::npos);
}

TEST_CASE("timeline: validation names the event and the key that is wrong") {
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"pack": 0}}])")).find("timeline[0] (at 10): after its "
                                                                               "settings, pack: ") == 0);
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"no.such": 1}}])"))
            .find("timeline[0] (at 10): set: unknown key 'no.such'") == 0);
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"optimizer.d.lr": "fast"}}])"))
            .find("timeline[0] (at 10): set: optimizer.d.lr: expected a number") == 0);
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"generator.hidden": [8]}}])"))
            .find("timeline[0] (at 10): set: generator.hidden changes the networks") == 0);
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"seed": 4}}])")).find("set: seed changes the networks") !=
        std::string::npos);
  CHECK(firstProblem(withTimeline(R"([{"at": 30}, {"at": 20}])"))
            .find("timeline[1] (at 20): comes before timeline[0] (at 30)") == 0);
  // Settings add up: the second event is checked with the first's applied (update simultaneous needs d_steps 1).
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"d_steps": 3}}, {"at": 20, "set": {"update": "simultaneous"}}])"))
            .find("timeline[1] (at 20): after its settings, update:") == 0);
  CHECK(firstProblem(withTimeline(R"([{"at": 10, "set": {"pack": 4}, "caption": "PacGAN"}])")).empty());
}

TEST_CASE("timeline: an event applies exactly at its iteration, and the CSV shows it there") {
  Config c = withTimeline(R"([{"at": 37, "set": {"optimizer.d.lr": 0.0005, "penalty.r1": 2}, "caption": "now"}])");
  Trainer t(c);
  t.train(37);
  CHECK(t.config().optimizer.d.lr == doctest::Approx(c.optimizer.d.lr));  // not yet: 37 done, the 38th not begun
  CHECK(t.config().penalty.r1 == 0.0);
  t.iterate();
  CHECK(t.step() == 38);
  CHECK(t.config().optimizer.d.lr == 0.0005);
  CHECK(t.config().penalty.r1 == 2.0);
  CHECK(t.lastStats().penalty > 0.0);  // the 38th iteration ran with R1
  // A metrics row at 37 (not a multiple of metrics_every = 50), measured before the change.
  bool row37 = false;
  for (const auto& row : t.history()) row37 = row37 || row.step == 37;
  CHECK(row37);
  const std::string csv = metricsCsv(t.history(), false, t.config().timeline);
  CHECK(csv.substr(0, csv.find('\n')).ends_with(",off_data,event"));
  CHECK(csv.find("\n37,") != std::string::npos);
  const std::string line37 = csv.substr(csv.find("\n37,") + 1, csv.find('\n', csv.find("\n37,") + 1) - csv.find("\n37,") - 1);
  CHECK(line37.ends_with(",\"optimizer.d.lr=0.0005; penalty.r1=2\""));
  const std::string line0 = csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1);
  CHECK(line0.ends_with(","));  // no event at step 0: an empty cell

  // The same run without the timeline is the same up to the event and differs after it.
  Config plain = c;
  plain.timeline.clear();
  Trainer p(plain);
  p.train(37);
  Trainer q(c);
  q.train(37);
  CHECK(p.generator().parameters() == q.generator().parameters());
  p.train(5);
  q.train(5);
  CHECK(p.discriminator().parameters() != q.discriminator().parameters());
}

TEST_CASE("timeline: captions hold until the next caption, PacGAN switched on keeps G and the run") {
  const Config c = withTimeline(
      R"([{"at": 0, "caption": "a"}, {"at": 10, "set": {"batch": 16}}, {"at": 20, "caption": "b"}, {"at": 30, "caption": ""}])");
  CHECK(captionAt(c.timeline, 0) == "a");
  CHECK(captionAt(c.timeline, 15) == "a");
  CHECK(captionAt(c.timeline, 20) == "b");
  CHECK(captionAt(c.timeline, 29) == "b");
  CHECK(captionAt(c.timeline, 30).empty());
  CHECK(settingsAt(c.timeline, 10) == "batch=16");
  CHECK(settingsAt(c.timeline, 20).empty());

  Trainer t(withTimeline(R"([{"at": 25, "set": {"pack": 4}}])"));
  t.train(25);
  const Vector g = t.generator().parameters();
  const Eigen::Index inputs = t.discriminator().inputDim();
  const std::size_t rows = t.history().size();
  t.iterate();
  CHECK(t.step() == 26);  // not a fresh run
  CHECK(t.config().pack == 4);
  CHECK(t.discriminator().inputDim() == 4 * inputs);
  CHECK(t.history().size() >= rows);
  CHECK(t.generator().parameters() != g);  // G trained on from where it was (one step against the new D)
  CHECK((t.generator().parameters() - g).norm() < 0.1 * g.norm());
}
