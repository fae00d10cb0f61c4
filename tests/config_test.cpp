// Tests of the one config type and its one JSON mapping (core/gan/config*.h): the required keys, round trips,
// enum names, `--set` assignments, strict reading with clear messages, validation, needsRebuild and the
// presets.
#include "core/gan/config.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/distribution.h"
#include "core/gan/config_json.h"
#include "core/gan/config_names.h"

using namespace ganscope;
using nlohmann::json;

namespace {

/// The keys the issue requires, by these exact names.
const std::vector<std::string> kRequiredKeys = {
    "data.kind",
    "data.modes",
    "data.radius",
    "data.spacing",
    "data.mean",
    "data.std",
    "data.means",
    "data.stds",
    "data.weights",
    "data.file",
    "dirac.theta",
    "dirac.psi",
    "latent.dim",
    "latent.dist",
    "generator.hidden",
    "generator.activation",
    "discriminator.hidden",
    "discriminator.activation",
    "loss",
    "penalty.gp",
    "penalty.r1",
    "penalty.r2",
    "optimizer.g.kind",
    "optimizer.g.lr",
    "optimizer.g.beta1",
    "optimizer.g.beta2",
    "optimizer.g.momentum",
    "optimizer.d.kind",
    "optimizer.d.lr",
    "optimizer.d.beta1",
    "optimizer.d.beta2",
    "optimizer.d.momentum",
    "batch",
    "d_steps",
    "g_steps",
    "update",
    "trainer",
    "unroll",
    "pack",
    "instance_noise",
    "spectral_norm",
    "seed",
    "metrics_every",
};

/// "optimizer.g.lr" as the JSON pointer "/optimizer/g/lr".
json::json_pointer pointer(const std::string& dotted) {
  std::string p = "/" + dotted;
  std::replace(p.begin(), p.end(), '.', '/');
  return json::json_pointer(p);
}

/// A config in which every field differs from its default.
Config everyFieldChanged() {
  Config c;
  c.name = "changed";
  c.description = "every field changed";
  c.demoSteps = 1234;
  c.data.kind = DataKind::Mixture1d;
  c.data.modes = 3;
  c.data.radius = 1.5;
  c.data.spacing = 0.75;
  c.data.mean = -0.25;
  c.data.std = 0.125;
  c.data.means = {-3.0, 0.0, 3.5};
  c.data.stds = {0.1, 0.2, 0.3};
  c.data.weights = {0.2, 0.3, 0.5};
  c.data.low = -2.5;
  c.data.high = 4.0;
  c.data.file = "points.csv";
  c.data.points = {0.5, -1.25, 2.0, 0.0};
  c.data.pointsDim = 1;
  c.data.pointClasses = {1, 0, 1, 0};
  c.conditional = true;
  c.trainer = TrainerKind::Auto;
  c.dirac.theta = 0.3;
  c.dirac.psi = -0.7;
  c.latent.dim = 5;
  c.latent.dist = LatentDistribution::Uniform;
  c.generator.hidden = {32, 16, 8};
  c.generator.activation = Activation::Tanh;
  c.discriminator.hidden = {128};
  c.discriminator.activation = Activation::LeakyRelu;
  c.loss = LossKind::Hinge;
  c.penalty.gp = 10.0;
  c.penalty.r1 = 0.5;
  c.penalty.r2 = 0.25;
  c.penalty.clip = 0.05;
  c.optimizer.g = {OptimizerKind::RmsProp, 2e-4, 0.9, 0.99, 0.5, 0.9, 1e-6};
  c.optimizer.d = {OptimizerKind::Momentum, 3e-3, 0.1, 0.95, 0.8, 0.95, 1e-7};
  c.batch = 64;
  c.dSteps = 5;
  c.gSteps = 2;
  c.update = UpdateOrder::Simultaneous;
  c.unroll = 5;
  c.pack = 3;
  c.instanceNoise = 0.2;
  c.instanceNoiseAnneal = 4000;
  c.spectralNorm = true;
  c.seed = 18446744073709551557ULL;  // beyond int64, to prove the seed is read as unsigned
  c.metricsEvery = 7;
  c.metricsSamples = 1000;
  return c;
}

/// The message of the ConfigError `f` throws; fails the test when it throws none.
template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

/// Whether `text` contains `part`.
bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

/// Whether some problem in `problems` names `key`.
bool names(const std::vector<std::string>& problems, std::string_view key) {
  return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return has(p, key); });
}

/// Checks that every enumerator of Enum has a unique name that parses back to it, and that the JSON mapping
/// writes and reads it under `key`.
template <typename Enum>
void checkEnumRoundTrip(const std::string& key) {
  std::set<std::string_view> seen;
  for (const auto& [value, name] : enumEntries<Enum>()) {
    const std::string shown(name);
    CAPTURE(shown);
    CHECK(seen.insert(name).second);
    CHECK(enumName(value) == name);
    REQUIRE(enumFromName<Enum>(name).has_value());
    CHECK(*enumFromName<Enum>(name) == value);
    CHECK(has(enumNameList<Enum>(), name));
    json j = json::object();
    j[pointer(key)] = std::string(name);
    const Config read = configFromJson(j);
    CHECK(toJson(read).at(pointer(key)) == std::string(name));
    Config set;
    applySetting(set, key + "=" + std::string(name));
    CHECK(toJson(set).at(pointer(key)) == std::string(name));
  }
  CHECK_FALSE(enumFromName<Enum>("no-such-name").has_value());
}

/// The names of an enumeration, as a set.
template <typename Enum>
std::set<std::string> namesOf() {
  std::set<std::string> out;
  for (const auto& entry : enumEntries<Enum>()) out.insert(std::string(entry.second));
  return out;
}

}  // namespace

// Every key the issue names exists under that name in configKeys() and in the JSON of a default config.
TEST_CASE("config: every required key is in configKeys and in toJson") {
  const auto keys = configKeys();
  const json defaults = toJson(Config{});
  for (const auto& key : kRequiredKeys) {
    CAPTURE(key);
    CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
    CHECK(defaults.contains(pointer(key)));
  }
  // configKeys lists no key twice, and every one of them is written by toJson.
  CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
  for (const auto& key : keys) {
    CAPTURE(key);
    CHECK(defaults.contains(pointer(key)));
  }
}

// The enumerations accept exactly the names the issue lists for data.kind, loss and the optimizer kinds.
TEST_CASE("config: enum names are the documented ones") {
  CHECK(namesOf<DataKind>() == std::set<std::string>{"gaussian1d", "mixture1d", "uniform1d", "ring", "grid",
                                                     "gaussian", "circle", "spiral", "moons", "swissroll",
                                                     "line", "uniform", "dirac", "points"});
  CHECK(namesOf<LossKind>() ==
        std::set<std::string>{"minimax", "nonsaturating", "wgan", "wgan-gp", "lsgan", "hinge"});
  CHECK(namesOf<OptimizerKind>() == std::set<std::string>{"sgd", "momentum", "adam", "rmsprop"});
  CHECK(namesOf<UpdateOrder>() == std::set<std::string>{"alternating", "simultaneous"});
}

// Every name of every enumeration parses to its enumerator and prints back, by name and through JSON and
// --set.
TEST_CASE("config: every enum name parses and prints back") {
  checkEnumRoundTrip<DataKind>("data.kind");
  checkEnumRoundTrip<LatentDistribution>("latent.dist");
  checkEnumRoundTrip<Activation>("generator.activation");
  checkEnumRoundTrip<Activation>("discriminator.activation");
  checkEnumRoundTrip<LossKind>("loss");
  checkEnumRoundTrip<OptimizerKind>("optimizer.g.kind");
  checkEnumRoundTrip<OptimizerKind>("optimizer.d.kind");
  checkEnumRoundTrip<UpdateOrder>("update");
  checkEnumRoundTrip<TrainerKind>("trainer");
}

// A config with every field changed survives toJson → configFromJson unchanged (and the test really changes
// all).
TEST_CASE("config: round trip of a config with every field changed") {
  const Config changed = everyFieldChanged();
  const json changedJson = toJson(changed);
  const json defaultJson = toJson(Config{});
  for (const auto& key : configKeys()) {
    CAPTURE(key);
    CHECK(changedJson.at(pointer(key)) !=
          defaultJson.at(pointer(key)));  // a new key must be changed here too
  }
  CHECK(configFromJson(changedJson) == changed);
  CHECK(configFromJson(json::parse(changedJson.dump())) == changed);
  CHECK(configFromJson(json::parse(changedJson.dump(2))) == changed);
  CHECK(parseConfigText(changedJson.dump(2), "changed.json") == changed);
}

// Each key set alone with --set gives the same value the JSON mapping gives, so both share one mapping.
TEST_CASE("config: applySetting of every key matches the JSON mapping") {
  const json changedJson = toJson(everyFieldChanged());
  for (const auto& key : configKeys()) {
    CAPTURE(key);
    const json& value = changedJson.at(pointer(key));
    Config viaSet;
    applySetting(viaSet, key + "=" + value.dump());
    json expected = toJson(Config{});
    expected[pointer(key)] = value;
    CHECK(toJson(viaSet) == expected);
  }
}

// Text → parseConfigText → toJson → dump → parse again gives the same config and the same JSON.
TEST_CASE("config: text round trip through parseConfigText") {
  const std::string text = R"({
    // comments are allowed
    "name": "text",
    "data": {"kind": "grid", "std": 0.1},
    "generator": {"hidden": [16, 16, 16], "activation": "elu"},
    "loss": "wgan-gp",
    "penalty": {"gp": 10},
    "optimizer": {"d": {"kind": "rmsprop", "lr": 5e-5}},
    "batch": 100,
    "seed": 99
  })";
  const Config first = parseConfigText(text, "text.json");
  CHECK(first.data.kind == DataKind::Grid);
  CHECK(first.data.std == 0.1);
  CHECK(first.data.modes == 5);  // grid's default
  CHECK(first.generator.hidden == std::vector<int>{16, 16, 16});
  CHECK(first.generator.activation == Activation::Elu);
  CHECK(first.loss == LossKind::WganGp);
  CHECK(first.penalty.gp == 10.0);
  CHECK(first.optimizer.d.kind == OptimizerKind::RmsProp);
  CHECK(first.optimizer.d.lr == 5e-5);
  CHECK(first.optimizer.g == OptimizerConfig{});
  CHECK(first.batch == 100);
  CHECK(first.seed == 99);
  const std::string dumped = toJson(first).dump(2);
  const Config second = parseConfigText(dumped, "dumped.json");
  CHECK(second == first);
  CHECK(toJson(second).dump(2) == dumped);
}

// --set values are JSON (lists, numbers, quoted strings), a bare word is a string, and each lands in its
// field.
TEST_CASE("config: applySetting accepts JSON values and bare words") {
  Config c;
  applySetting(c, "generator.hidden=[64,32,16]");
  CHECK(c.generator.hidden == std::vector<int>{64, 32, 16});
  applySetting(c, "discriminator.hidden=[]");
  CHECK(c.discriminator.hidden.empty());
  applySetting(c, "optimizer.d.lr=1e-4");
  CHECK(c.optimizer.d.lr == 1e-4);
  applySetting(c, "optimizer.g.lr=3");  // an integer is a number
  CHECK(c.optimizer.g.lr == 3.0);
  applySetting(c, "batch=64");
  CHECK(c.batch == 64);
  applySetting(c, "loss=hinge");
  CHECK(c.loss == LossKind::Hinge);
  applySetting(c, "loss=\"wgan-gp\"");
  CHECK(c.loss == LossKind::WganGp);
  applySetting(c, "data.means=[-1.5, 0, 2.5]");
  CHECK(c.data.means == std::vector<double>{-1.5, 0.0, 2.5});
  applySetting(c, "name=\"two words\"");
  CHECK(c.name == "two words");
  applySetting(c, "data.file=my points.csv");
  CHECK(c.data.file == "my points.csv");
  applySetting(c, "seed=18446744073709551615");
  CHECK(c.seed == 18446744073709551615ULL);
  applySetting(c, "update=simultaneous");
  CHECK(c.update == UpdateOrder::Simultaneous);
  // Nothing else moved: only the keys set above differ from the defaults.
  Config expected;
  expected.generator.hidden = {64, 32, 16};
  expected.discriminator.hidden = {};
  expected.optimizer.d.lr = 1e-4;
  expected.optimizer.g.lr = 3.0;
  expected.batch = 64;
  expected.loss = LossKind::WganGp;
  expected.data.means = {-1.5, 0.0, 2.5};
  expected.name = "two words";
  expected.data.file = "my points.csv";
  expected.seed = 18446744073709551615ULL;
  expected.update = UpdateOrder::Simultaneous;
  CHECK(c == expected);
}

// A rejected setting names the key (and for an unknown key the allowed keys of its section) and changes
// nothing.
TEST_CASE("config: applySetting rejects bad settings and leaves the config unchanged") {
  const Config original = everyFieldChanged();
  Config c = original;
  const auto rejected = [&](const std::string& assignment) {
    CAPTURE(assignment);
    const std::string message = errorOf([&] { applySetting(c, assignment); });
    CHECK(c == original);
    return message;
  };

  SUBCASE("unknown keys name the key and list the keys of their section") {
    std::string m = rejected("optimizer.g.lrr=1");
    CHECK(has(m, "optimizer.g.lrr"));
    for (const char* allowed : {"kind", "lr", "beta1", "beta2", "momentum"}) CHECK(has(m, allowed));
    m = rejected("data.colour=red");
    CHECK(has(m, "data.colour"));
    for (const char* allowed : {"kind", "modes", "radius", "spacing", "std", "means", "file"})
      CHECK(has(m, allowed));
    CHECK_FALSE(has(m, "metrics_every"));  // the section's keys, not every key
    m = rejected("foo=1");
    CHECK(has(m, "foo"));
    for (const char* allowed : {"data", "loss", "batch", "seed", "optimizer"}) CHECK(has(m, allowed));
  }
  SUBCASE("values of the wrong type name the key") {
    CHECK(has(rejected("batch=true"), "batch"));
    CHECK(has(rejected("batch=2.5"), "batch"));
    CHECK(has(rejected("batch=abc"), "batch"));
    CHECK(has(rejected("batch=[1]"), "batch"));
    CHECK(has(rejected("optimizer.d.lr=true"), "optimizer.d.lr"));
    CHECK(has(rejected("optimizer.d.lr=fast"), "optimizer.d.lr"));
    CHECK(has(rejected("generator.hidden=true"), "generator.hidden"));
    CHECK(has(rejected("generator.hidden=64"), "generator.hidden"));
    CHECK(has(rejected("generator.hidden=[64,\"a\"]"), "generator.hidden[1]"));
    CHECK(has(rejected("generator.hidden=[64,1.5]"), "generator.hidden[1]"));
    CHECK(has(rejected("seed=-1"), "seed"));
    CHECK(has(rejected("penalty.gp=null"), "penalty.gp"));
    CHECK(has(rejected("loss=true"), "loss"));
    CHECK(has(rejected("data.file=[1]"), "data.file"));
  }
  SUBCASE("unknown enum values list the allowed names") {
    const std::string m = rejected("loss=hinje");
    CHECK(has(m, "loss"));
    CHECK(has(m, "hinje"));
    for (const char* allowed : {"minimax", "nonsaturating", "wgan", "wgan-gp", "lsgan", "hinge"})
      CHECK(has(m, allowed));
    const std::string k = rejected("optimizer.d.kind=adamw");
    CHECK(has(k, "optimizer.d.kind"));
    for (const char* allowed : {"sgd", "momentum", "adam", "rmsprop"}) CHECK(has(k, allowed));
  }
  SUBCASE("assignments without a key or an '=' are rejected") {
    CHECK(has(rejected("batch"), "key=value"));
    CHECK(has(rejected("=5"), "key=value"));
  }
}

// An integer too large for the key is rejected, not wrapped round (2^64 − 1 once became batch −1).
TEST_CASE("config: applySetting rejects integers too large for the key") {
  Config c;
  CHECK_THROWS_AS(applySetting(c, "batch=18446744073709551615"), ConfigError);
  CHECK(c == Config{});
  CHECK_THROWS_AS(applySetting(c, "data.modes=18446744073709551615"), ConfigError);
  CHECK(c == Config{});
  // For a kind that ignores data.modes, validate() does not catch the wrapped value either.
  CHECK_THROWS_AS(
      configFromJson(json::parse(R"({"data": {"kind": "moons", "modes": 18446744073709551615}})")),
      ConfigError);
}

// configFromJson rejects unknown nested keys, wrong types and unknown enum values with messages naming them.
TEST_CASE("config: configFromJson rejects what it cannot read") {
  std::string m = errorOf([] { (void)configFromJson(json::parse(R"({"optimizer": {"g": {"lrr": 1}}})")); });
  CHECK(has(m, "optimizer.g.lrr"));
  CHECK(has(m, "beta1"));
  m = errorOf([] { (void)configFromJson(json::parse(R"({"data": {"kind": "ring", "colour": 1}})")); });
  CHECK(has(m, "data.colour"));
  CHECK(has(m, "radius"));
  m = errorOf([] { (void)configFromJson(json::parse(R"({"batch": "256"})")); });
  CHECK(has(m, "batch"));
  m = errorOf([] { (void)configFromJson(json::parse(R"({"generator": {"hidden": [64, -1.5]}})")); });
  CHECK(has(m, "generator.hidden[1]"));
  m = errorOf([] { (void)configFromJson(json::parse(R"({"optimizer": {"g": 0.1}})")); });
  CHECK(has(m, "optimizer.g"));
  m = errorOf([] { (void)configFromJson(json::parse(R"({"loss": "hinje"})")); });
  CHECK(has(m, "loss"));
  for (const auto& name : namesOf<LossKind>()) CHECK(has(m, name));
  m = errorOf([] { (void)configFromJson(json::parse(R"({"data": {"kind": "torus"}})")); });
  CHECK(has(m, "data.kind"));
  for (const auto& name : namesOf<DataKind>()) CHECK(has(m, name));
  CHECK_THROWS_AS(configFromJson(json::parse("[1, 2]")), ConfigError);
}

// A key written with dots inside one JSON name ({"data.kind": "grid"}) is rejected with a message that says how to
// nest it (it was once silently ignored).
TEST_CASE("config: configFromJson rejects dotted key names instead of ignoring them") {
  for (const std::string text : {R"({"data.kind": "grid"})", R"({"optimizer": {"g.lr": 0.5}})"}) {
    CAPTURE(text);
    const std::string m = errorOf([&] { (void)configFromJson(json::parse(text)); });
    CHECK(has(m, "nests its keys"));
  }
}

// Missing data keys take the defaults of the kind given, and data keys that are given override them.
TEST_CASE("config: missing data keys take dataDefaults of the kind") {
  const Config grid = configFromJson(json::parse(R"({"data": {"kind": "grid"}})"));
  CHECK(grid.data.std == 0.05);
  CHECK(grid.data.modes == 5);
  CHECK(grid.data.spacing == 2.0);
  const Config gridStd = configFromJson(json::parse(R"({"data": {"kind": "grid", "std": 0.1}})"));
  CHECK(gridStd.data.std == 0.1);
  CHECK(gridStd.data.modes == 5);
  for (const auto& [kind, name] : enumEntries<DataKind>()) {
    const std::string shown(name);
    CAPTURE(shown);
    json j;
    j["data"]["kind"] = std::string(name);
    CHECK(configFromJson(j).data == dataDefaults(kind));
  }
  // Without a kind, the data keys default to the default kind's.
  const Config noKind = configFromJson(json::parse(R"({"data": {"modes": 3}})"));
  CHECK(noKind.data.kind == Config{}.data.kind);
  CHECK(noKind.data.modes == 3);
  CHECK(noKind.data.std == Config{}.data.std);
}

// Malformed JSON is reported as SOURCE:LINE:COL at the offending character; bad content names its source.
TEST_CASE("config: parseConfigText gives the line and column of malformed JSON") {
  // Line 3 is `  "loss": hinge`: two spaces, "loss" in columns 3-8, ':' 9, ' ' 10, so 'h' is column 11.
  std::string m =
      errorOf([] { (void)parseConfigText("{\n  \"batch\": 256,\n  \"loss\": hinge\n}\n", "a.json"); });
  CHECK(m.rfind("a.json:3:11:", 0) == 0);
  // The trailing comma is accepted; the '}' that follows it on line 4, column 1, is the error.
  m = errorOf([] { (void)parseConfigText("{\n  // a comment\n  \"batch\": 256,\n}\n", "b.json"); });
  CHECK(m.rfind("b.json:4:1:", 0) == 0);
  // On line 2, `  "seed": 1 2`: '2' is column 13 (spaces 1-2, "seed" 3-8, ':' 9, ' ' 10, '1' 11, ' ' 12).
  m = errorOf([] { (void)parseConfigText("{\n  \"seed\": 1 2\n}", "c.json"); });
  CHECK(m.rfind("c.json:2:13:", 0) == 0);
  // Well-formed JSON that is a bad config names the source and the key.
  m = errorOf([] { (void)parseConfigText("{\"batch\": \"x\"}", "d.json"); });
  CHECK(m.rfind("d.json: ", 0) == 0);
  CHECK(has(m, "batch"));
  // A file that cannot be read is named.
  m = errorOf([] { (void)loadConfigFile("/nonexistent-ganscope-dir/missing.json"); });
  CHECK(has(m, "missing.json"));
}

// validate names the key of each input that cannot run, with what is allowed, and passes a good config.
TEST_CASE("config: validate rejects what cannot run and names the key") {
  CHECK(validate(Config{}).empty());
  // Only its simultaneous update with d_steps 5, with unroll 5 (unrolling needs alternating updates), and
  // conditional with unroll 5.
  CHECK(validate(everyFieldChanged()).size() == 3);
  struct Case {
    const char* what;
    const char* key;
    void (*change)(Config&);
  };
  const Case cases[] = {
      {"batch 0", "batch", [](Config& c) { c.batch = 0; }},
      {"negative lr", "optimizer.d.lr", [](Config& c) { c.optimizer.d.lr = -1e-3; }},
      {"zero lr", "optimizer.g.lr", [](Config& c) { c.optimizer.g.lr = 0.0; }},
      {"width 0", "generator.hidden",
       [](Config& c) {
         c.generator.hidden = {64, 0};
       }},
      {"width 0 in D", "discriminator.hidden", [](Config& c) { c.discriminator.hidden = {0}; }},
      {"latent.dim 0", "latent.dim", [](Config& c) { c.latent.dim = 0; }},
      {"latent.dim 17", "latent.dim", [](Config& c) { c.latent.dim = 17; }},
      {"beta1 1.0", "optimizer.g.beta1", [](Config& c) { c.optimizer.g.beta1 = 1.0; }},
      {"d_steps 0", "d_steps", [](Config& c) { c.dSteps = 0; }},
      {"simultaneous with d_steps 2", "d_steps",
       [](Config& c) {
         c.update = UpdateOrder::Simultaneous;
         c.dSteps = 2;
       }},
      {"points without a file", "data.file", [](Config& c) { c.data = dataDefaults(DataKind::Points); }},
      {"points with a missing file", "data.file",
       [](Config& c) {
         c.data = dataDefaults(DataKind::Points);
         c.data.file = "/nonexistent-ganscope-dir/points.csv";
       }},
      {"ring with modes 0", "data.modes", [](Config& c) { c.data.modes = 0; }},
      {"unroll -1", "unroll", [](Config& c) { c.unroll = -1; }},
      {"unroll 51", "unroll", [](Config& c) { c.unroll = 51; }},
      {"unroll with simultaneous updates", "unroll",
       [](Config& c) {
         c.update = UpdateOrder::Simultaneous;
         c.unroll = 5;
       }},
      {"pack 0", "pack", [](Config& c) { c.pack = 0; }},
      {"pack 2 on the Dirac-GAN", "pack",
       [](Config& c) {
         c.data = dataDefaults(DataKind::Dirac);
         c.pack = 2;
       }},
      {"negative instance noise", "instance_noise", [](Config& c) { c.instanceNoise = -0.1; }},
      {"negative annealing", "instance_noise_anneal", [](Config& c) { c.instanceNoiseAnneal = -5; }},
      {"spectral norm on the Dirac-GAN", "spectral_norm",
       [](Config& c) {
         c.data = dataDefaults(DataKind::Dirac);
         c.spectralNorm = true;
       }},
      {"mixture1d with mismatched stds", "data.stds",
       [](Config& c) {
         c.data = dataDefaults(DataKind::Mixture1d);
         c.data.stds = {0.5};
       }},
  };
  for (const Case& k : cases) {
    CAPTURE(k.what);
    Config c;
    k.change(c);
    const auto problems = validate(c);
    CAPTURE(problems.empty() ? std::string() : problems.front());
    CHECK(problems.size() == 1);
    CHECK(names(problems, k.key));
  }
  // The messages say what is allowed.
  Config c;
  c.batch = 0;
  CHECK(has(validate(c).front(), "1 to 8192"));
  c = Config{};
  c.latent.dim = 17;
  CHECK(has(validate(c).front(), "1 to 16"));
  c = Config{};
  c.update = UpdateOrder::Simultaneous;
  c.dSteps = 2;
  CHECK(has(validate(c).front(), "update"));
}

// Changes the running networks survive do not rebuild; architecture, latent, seed and data dimension changes
// do.
TEST_CASE("config: needsRebuild") {
  const Config base;
  const auto after = [&](void (*change)(Config&)) {
    Config c = base;
    change(c);
    return needsRebuild(base, c);
  };
  CHECK_FALSE(needsRebuild(base, base));
  CHECK_FALSE(after([](Config& c) { c.optimizer.d.lr = 1e-4; }));
  CHECK_FALSE(after([](Config& c) { c.optimizer.g.lr = 1e-2; }));
  CHECK_FALSE(after([](Config& c) { c.optimizer.g.kind = OptimizerKind::Sgd; }));
  CHECK_FALSE(after([](Config& c) { c.loss = LossKind::Hinge; }));
  CHECK_FALSE(after([](Config& c) { c.batch = 32; }));
  CHECK_FALSE(after([](Config& c) { c.dSteps = 3; }));
  CHECK_FALSE(after([](Config& c) { c.penalty.r1 = 1.0; }));
  CHECK_FALSE(after([](Config& c) { c.unroll = 5; }));
  CHECK_FALSE(after([](Config& c) { c.instanceNoise = 0.1; }));
  CHECK_FALSE(after([](Config& c) { c.spectralNorm = true; }));
  // D's input layer widens: D alone starts afresh, G and the run go on (PacGAN switched on mid-run).
  CHECK_FALSE(after([](Config& c) { c.pack = 2; }));
  Config packed = base;
  packed.pack = 2;
  CHECK(needsNewDiscriminator(base, packed));
  CHECK_FALSE(needsNewDiscriminator(base, base));
  CHECK_FALSE(after([](Config& c) { c.data.std = 0.5; }));
  CHECK_FALSE(after([](Config& c) { c.data = dataDefaults(DataKind::Grid); }));  // ring → grid: both 2D
  CHECK(after([](Config& c) { c.generator.hidden = {32, 32}; }));
  CHECK(after([](Config& c) { c.discriminator.hidden = {64, 64, 64}; }));
  CHECK(after([](Config& c) { c.generator.activation = Activation::Tanh; }));
  CHECK(after([](Config& c) { c.discriminator.activation = Activation::Elu; }));
  CHECK(after([](Config& c) { c.latent.dim = 3; }));
  CHECK(after([](Config& c) { c.latent.dist = LatentDistribution::Uniform; }));
  CHECK(after([](Config& c) { c.seed = 2; }));
  CHECK(after([](Config& c) { c.data = dataDefaults(DataKind::Gaussian1d); }));  // 2D → 1D
  CHECK(after([](Config& c) { c.data = dataDefaults(DataKind::Dirac); }));       // dirac on
  Config dirac = base;
  dirac.data = dataDefaults(DataKind::Dirac);
  CHECK(needsRebuild(dirac, base));  // dirac off
  Config oneD = base;
  oneD.data = dataDefaults(DataKind::Gaussian1d);
  CHECK(needsRebuild(oneD, base));  // 1D → 2D
  Config mixture = oneD;
  mixture.data = dataDefaults(DataKind::Mixture1d);
  CHECK_FALSE(needsRebuild(oneD, mixture));  // 1D → 1D
}

// Every preset shipped in assets/presets loads and validates.
TEST_CASE("config: every preset loads and validates") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::path(GANSCOPE_SOURCE_DIR) / "assets" / "presets";
  int count = 0;
  bool sawRing8 = false;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    CAPTURE(entry.path().string());
    ++count;
    sawRing8 = sawRing8 || entry.path().stem() == "ring8";
    Config config;
    CHECK_NOTHROW(config = loadConfigFile(entry.path()));
    const auto problems = validate(config);
    CAPTURE(problems.empty() ? std::string() : problems.front());
    CHECK(problems.empty());
    CHECK_FALSE(config.description.empty());
  }
  CHECK(count >= 1);
  CHECK(sawRing8);
}

// Every problem validate() finds, in one string.
std::string allProblems(const Config& c) {
  std::string all;
  for (const std::string& problem : validate(c)) all += problem + "\n";
  return all;
}

TEST_CASE("config: drawn points are kept in the config, train as a points distribution, and are checked") {
  Config c;
  c.data.kind = DataKind::Points;
  c.data.file.clear();
  c.data.points = {0.0, 1.0, 2.0, -1.0, -2.0, 0.5};  // three samples in 2D
  c.data.pointsDim = 2;
  CHECK(validate(c).empty());
  const auto data = makeDistribution(c.data);
  CHECK(data->dim() == 2);
  CHECK(configuredDataDimension(c.data) == 2);
  CHECK(configFromJson(toJson(c)) == c);
  // A stroke more keeps the networks; a drawing in another dimension rebuilds them.
  Config more = c;
  more.data.points.insert(more.data.points.end(), {3.0, 3.0});
  CHECK_FALSE(needsRebuild(c, more));
  Config line = c;
  line.data.pointsDim = 1;
  CHECK(needsRebuild(c, line));
  // An odd count for 2D, a file besides the drawing, a number out of range: refused, each named.
  Config odd = c;
  odd.data.points.pop_back();
  CHECK(allProblems(odd).find("data.points") != std::string::npos);
  Config both = c;
  both.data.file = "points.csv";
  CHECK(allProblems(both).find("data.file") != std::string::npos);
  Config far = c;
  far.data.points[0] = 1e9;
  CHECK(allProblems(far).find("data.points") != std::string::npos);
  Config tooMany = c;
  tooMany.data.points.assign(2 * kMaxDrawnPoints + 2, 0.0);
  CHECK(allProblems(tooMany).find("data.points") != std::string::npos);
  // In 1D a sample is one number: kMaxDrawnPoints of them, not twice as many.
  Config line1d = c;
  line1d.data.pointsDim = 1;
  line1d.data.points.assign(kMaxDrawnPoints, 0.5);
  CHECK(validate(line1d).empty());
  line1d.data.points.push_back(0.5);
  CHECK(allProblems(line1d).find("data.points: at most 5000 entries") != std::string::npos);
}
