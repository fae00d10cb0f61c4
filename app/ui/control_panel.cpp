#include "app/ui/control_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "app/ui/class_picker.h"
#include "app/ui/discard_confirmation.h"
#include "app/ui/ranged_slider.h"
#include "app/ui/same_line_if_fits.h"
#include "app/ui/toolbar_flow.h"
#include "app/window/imgui_style.h"
#include "core/data/distribution.h"
#include "core/gan/config_names.h"

namespace ganscope {
namespace {

// A combo box over an enumeration's names; returns true when the choice changed.
template <typename Enum>
bool enumCombo(const char* label, Enum& value) {
  bool changed = false;
  if (ImGui::BeginCombo(label, std::string(enumName(value)).c_str())) {
    for (const auto& [v, name] : enumEntries<Enum>()) {
      if (ImGui::Selectable(std::string(name).c_str(), v == value)) {
        changed = v != value;
        value = v;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// The collapsing sections of the settings panel, each drawn inside an ID scope named after it (PushID), closed
// when the next section opens or the scope ends.
class SectionScope {
 public:
  SectionScope() = default;
  SectionScope(const SectionScope&) = delete;
  SectionScope& operator=(const SectionScope&) = delete;
  ~SectionScope() { close(); }

  // Ends the previous section's scope, draws the header `title` and opens its scope; returns whether it is open.
  bool open(const char* title, ImGuiTreeNodeFlags flags = 0) {
    close();
    const bool expanded = ImGui::CollapsingHeader(title, flags);
    ImGui::PushID(title);
    pushed_ = true;
    return expanded;
  }

 private:
  void close() {
    if (pushed_) ImGui::PopID();
    pushed_ = false;
  }
  bool pushed_ = false;
};

// Under the trainer box: where the iterations run (Trainer::trainerNote), in the warning colour when the CPU took
// over or the "GPU" is a software renderer (llvmpipe: correct but slow). Nothing for trainer=cpu; with gpu|auto the
// GPU is first tried at the next iteration, so until then the note is empty.
void drawTrainerNote(TrainerKind trainer, const std::string& note) {
  if (trainer == TrainerKind::Cpu) return;
  ImGui::PushTextWrapPos(0.0f);
  if (note.empty()) {
    ImGui::TextDisabled("where it trains is known after the next iteration");
  } else if (note.rfind("training on the GPU", 0) == 0 && note.find("software renderer") == std::string::npos) {
    ImGui::TextUnformatted(note.c_str());
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, warningColour());
    ImGui::TextUnformatted(note.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

ControlPanel::ControlPanel(CommandTarget& thread, std::vector<PresetInfo> presets)
    : thread_(thread), presets_(std::move(presets)) {}

const Config& ControlPanel::shown(const Snapshot& snapshot) const {
  return snapshot.version <= pendingAfterVersion_ ? pending_ : snapshot.config;
}

void ControlPanel::apply(const Config& edited) {
  const std::shared_ptr<const Snapshot> latest = thread_.latest();
  if (confirmation_ != nullptr && needsRebuild(latest->config, edited)) {
    confirmation_->request(*latest, "Rebuild the networks", [this, edited] { send(edited); });
    return;
  }
  send(edited);
}

void ControlPanel::send(const Config& edited) {
  pending_ = edited;
  pendingAfterVersion_ = thread_.latest()->version;
  thread_.send(SetConfigCommand{edited});
}

void ControlPanel::switchToPreset(const std::string& name) {
  const std::shared_ptr<const Snapshot> latest = thread_.latest();
  // A run paused stays paused on its new preset; a running (or stopped) one trains on it.
  const bool resume = !latest->paused || !latest->divergence.empty();
  auto load = [this, name, resume] {
    try {
      send(loadPreset(name));
      thread_.send(ResetCommand{});
      if (resume) thread_.send(ResumeCommand{});
      presetName_ = name;
    } catch (const std::exception&) {
      // listPresets() read every preset at start-up; a file changed since then is simply not applied.
    }
  };
  if (confirmation_ != nullptr) {
    confirmation_->request(*latest, "Load the preset " + name, load);
  } else {
    load();
  }
}

bool ControlPanel::handleShortcut(const ShortcutPress& press, const Snapshot& snapshot) {
  const bool running = !snapshot.paused && snapshot.divergence.empty();
  const auto& timeline = snapshot.config.timeline;
  switch (press.action) {
    case ShortcutAction::PlayPause:
      thread_.send(running ? TrainerCommand{PauseCommand{}} : TrainerCommand{ResumeCommand{}});
      return true;
    case ShortcutAction::Step: thread_.send(StepCommand{1}); return true;
    case ShortcutAction::StepDiscriminator: thread_.send(StepDiscriminatorCommand{}); return true;
    case ShortcutAction::StepGenerator: thread_.send(StepGeneratorCommand{}); return true;
    case ShortcutAction::Reset: thread_.send(ResetCommand{}); return true;
    case ShortcutAction::Preset: {
      const auto& set = lectureSet();
      if (press.preset >= 1 && press.preset <= static_cast<int>(set.size())) switchToPreset(set[press.preset - 1]);
      return true;
    }
    case ShortcutAction::NextCaption: {
      // Train on to the next event and pause there, its caption on the view.
      for (const TimelineEvent& event : timeline) {
        if (event.at > snapshot.step) {
          thread_.send(StepCommand{event.at - snapshot.step});
          break;
        }
      }
      return true;
    }
    case ShortcutAction::PreviousCaption: {
      // Back to the newest checkpoint at or before the event before the step shown (the start before the first).
      long long target = 0;
      for (const TimelineEvent& event : timeline) {
        if (event.at < snapshot.step) target = event.at;
      }
      const auto& steps = snapshot.checkpointSteps;
      if (!steps || steps->empty() || snapshot.rewindOff) return true;
      const auto it = std::upper_bound(steps->begin(), steps->end(), target);
      if (it != steps->begin()) thread_.send(RewindCommand{*(it - 1)});
      return true;
    }
    default: return false;
  }
}

void ControlPanel::drawToolbar(const Snapshot& snapshot, ToolbarFlow* flow) {
  const auto nextGroup = [flow] { flow != nullptr ? flow->next() : ImGui::SameLine(); };
  const bool running = !snapshot.paused && snapshot.divergence.empty();
  if (ImGui::Button(running ? "  Pause  " : "  Play  ")) {
    thread_.send(running ? TrainerCommand{PauseCommand{}} : TrainerCommand{ResumeCommand{}});
  }
  tooltip(running ? "Stop training; the picture stays as it is (Space)." : "Train continuously (Space).");
  ImGui::SameLine();
  if (ImGui::Button("Step")) thread_.send(StepCommand{1});
  tooltip("One iteration (d_steps discriminator updates, then g_steps generator updates), then pause.");
  ImGui::SameLine();
  if (ImGui::Button("Step D")) thread_.send(StepDiscriminatorCommand{});
  tooltip("One discriminator update alone: watch the decision surface move while G stands still.");
  ImGui::SameLine();
  if (ImGui::Button("Step G")) thread_.send(StepGeneratorCommand{});
  tooltip("One generator update alone: watch the samples follow the arrows while D stands still.");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) thread_.send(ResetCommand{});
  tooltip("Start again from the seed: new initial weights, empty history.");
  nextGroup();
  if (ImGui::Checkbox("Slow", &paced_)) thread_.send(SetPaceCommand{paced_ ? pace_ : 0.0});
  tooltip("Limit the pace to the iterations per second on the right (slow motion); off trains as fast as it can.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(scaled(150));
  if (ImGui::SliderFloat("##pace", &pace_, 1.0f, 2000.0f, "%.0f it/s",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp) &&
      paced_) {
    thread_.send(SetPaceCommand{pace_});
  }
  tooltip("The slow-motion pace: iterations per second when Slow is on.");
  nextGroup();
  ImGui::SetNextItemWidth(scaled(170));
  if (ImGui::BeginCombo("##preset", presetName_.empty() ? "presets" : presetName_.c_str())) {
    for (const auto& preset : presets_) {
      if (ImGui::Selectable(preset.name.c_str(), preset.name == presetName_)) switchToPreset(preset.name);
      tooltip(preset.description.c_str());
    }
    ImGui::EndCombo();
  }
  tooltip("Load a preset: a ready-made experiment with a one-line description (hover an entry).");
}

void ControlPanel::drawSettings(const Snapshot& snapshot, PlaneLayers& layers, LineViewOptions& lines) {
  const Config& config = shown(snapshot);
  // Each section under an ID scope of its own: two sections may use the same label ("modes" is both a Data slider
  // and a Layers checkbox), and ImGui 1.86 aborts when two items share an ID in one window.
  SectionScope section;
  if (section.open("Data", ImGuiTreeNodeFlags_DefaultOpen)) {
    drawDataSettings(config);
    if (Config edited = config; drawConditionalCheckbox(edited)) apply(edited);  // class_picker.h
  }
  if (section.open("Training", ImGuiTreeNodeFlags_DefaultOpen)) drawTrainingSettings(config, snapshot.trainerNote);
  if (section.open("Stabilizers", ImGuiTreeNodeFlags_DefaultOpen)) drawStabilizerSettings(config);
  if (section.open("Optimizers", ImGuiTreeNodeFlags_DefaultOpen)) {
    drawOptimizerSettings("Generator", "g", config, true);
    drawOptimizerSettings("Discriminator", "d", config, false);
  }
  if (section.open("Networks")) {
    drawNetworkSettings("Generator", "gnet", config, true);
    drawNetworkSettings("Discriminator", "dnet", config, false);
    Config edited = config;
    ImGui::SetNextItemWidth(scaled(120));
    rangedSlider("latent dim", "latent.dim", edited.latent.dim);
    if (ImGui::IsItemDeactivatedAfterEdit()) apply(edited);
    tooltip("The size of the noise vector z fed to G. Changing it rebuilds the networks.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(scaled(110));
    if (enumCombo("##latentdist", edited.latent.dist)) apply(edited);
    tooltip("The noise distribution: N(0, I) or uniform on [-1, 1]. Changing it rebuilds the networks.");
  }
  if (snapshot.generator->outputDim() == 1) {
    if (section.open("Curves", ImGuiTreeNodeFlags_DefaultOpen)) {
      ImGui::Checkbox("p_data", &lines.dataDensity);
      tooltip("The density of the target distribution.");
      ImGui::SameLine();
      ImGui::Checkbox("histogram", &lines.histogram);
      tooltip("A histogram of the generator's samples.");
      ImGui::SameLine();
      ImGui::Checkbox("p_g", &lines.generatorDensity);
      tooltip("A smooth estimate of the generator's density (Gaussian kernels, Silverman's bandwidth).");
      ImGui::Checkbox("D(x)", &lines.discriminator);
      tooltip("The discriminator's output along x.");
      ImGui::SameLine();
      ImGui::Checkbox("D*(x)", &lines.optimalDiscriminator);
      tooltip("The best possible discriminator for the current G: p_data / (p_data + p_g). When G is perfect it is 1/2.");
      ImGui::SameLine();
      ImGui::Checkbox("z -> x", &lines.mapping);
      tooltip("How G maps evenly spaced latent values z (bottom line) to samples x (top line).");
      if (snapshot.data->modes()) {
        ImGui::SameLine();
        ImGui::Checkbox("modes", &lines.modes);
        tooltip("The target's mode centres on the x axis: filled when G captures the mode (a generated sample within "
                "3 standard deviations has it as its nearest mode), hollow when G misses it.");
      }
    }
    return;
  }
  if (section.open("Layers", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::Checkbox("D surface", &layers.field);
    tooltip("The discriminator's output over the plane: one side of the colour scale is 'real', the other 'fake'.");
    ImGui::SameLine();
    ImGui::Checkbox("D = 1/2", &layers.contour);
    tooltip("D's decision boundary: where it cannot tell real from fake.");
    ImGui::Checkbox("real", &layers.real);
    tooltip("Samples of the target distribution.");
    ImGui::SameLine();
    ImGui::Checkbox("fake", &layers.fake);
    tooltip("The generator's samples, G(z) for a fixed batch of noise.");
    ImGui::SameLine();
    ImGui::Checkbox("manifold", &layers.manifold);
    tooltip("A grid in latent space warped by G; darker cells are where G puts more density.");
    ImGui::SameLine();
    ImGui::Checkbox("arrows", &layers.arrows);
    tooltip("The direction in which G's loss pushes each generated sample (−∂L_G/∂x).");
    if (snapshot.data->modes()) {
      ImGui::Checkbox("modes", &layers.modes);
      tooltip("The target's mode centres: a filled disc when G captures the mode (a generated sample within 3 "
              "standard deviations has it as its nearest mode, the VEEGAN/PacGAN rule), a hollow ring when G misses it.");
    }
  }
}

void ControlPanel::drawDataSettings(const Config& config) {
  Config edited = config;
  ImGui::SetNextItemWidth(scaled(160));
  if (enumCombo("distribution", edited.data.kind)) {
    const std::string file = edited.data.file;
    edited.data = dataDefaults(edited.data.kind);
    edited.data.file = file;
    apply(edited);
    return;
  }
  tooltip("The target distribution p_data that G must learn. Switching starts from the literature's parameters.");
  bool changed = false, released = false;
  const DataKind kind = edited.data.kind;
  const bool mixture2d = kind == DataKind::Ring || kind == DataKind::Grid;
  if (mixture2d) {
    ImGui::SetNextItemWidth(scaled(160));
    rangedSlider(kind == DataKind::Ring ? "modes" : "modes per side", "data.modes", edited.data.modes, "%d",
                 kind == DataKind::Ring ? 32 : 9, maxDataModes(kind));
    released |= ImGui::IsItemDeactivatedAfterEdit();
    tooltip("How many Gaussians the target has: more modes make mode collapse easier to see.");
  }
  if (kind == DataKind::Ring || kind == DataKind::Circle || kind == DataKind::Spiral || kind == DataKind::Moons ||
      kind == DataKind::SwissRoll || kind == DataKind::Line) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("radius", "data.radius", edited.data.radius);
    tooltip("The size of the shape.");
  }
  if (kind == DataKind::Grid) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("spacing", "data.spacing", edited.data.spacing);
    tooltip("The distance between neighbouring modes of the grid.");
  }
  if (kind == DataKind::Gaussian1d) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("mean", "data.mean", edited.data.mean);
    tooltip("The mean of the target Gaussian.");
  }
  if (kind != DataKind::Dirac && kind != DataKind::Uniform && kind != DataKind::Uniform1d &&
      kind != DataKind::Mixture1d) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("std", "data.std", edited.data.std, "%.3f");
    tooltip("The standard deviation of each mode (or the noise of a shape): narrow modes are harder to hit.");
  }
  if (kind == DataKind::Uniform || kind == DataKind::Uniform1d) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("low", "data.low", edited.data.low);
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("high", "data.high", edited.data.high);
    tooltip("The range of the uniform target.");
  }
  if (kind == DataKind::Mixture1d) {
    for (std::size_t i = 0; i < edited.data.means.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(scaled(100));
      changed |= rangedSlider("##mean", "data.means", edited.data.means[i], "mean %.2f");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(scaled(100));
      if (i < edited.data.stds.size()) changed |= rangedSlider("##std", "data.stds", edited.data.stds[i], "std %.2f");
      tooltip("One component of the mixture: its mean and standard deviation.");
      ImGui::PopID();
    }
  }
  if (kind == DataKind::Dirac) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("theta0", "dirac.theta", edited.dirac.theta);
    tooltip("The generator's starting value θ (G outputs θ). Changing it restarts the run.");
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("psi0", "dirac.psi", edited.dirac.psi);
    tooltip("The discriminator's starting slope ψ (D(x) = ψ·x). Changing it restarts the run.");
  }
  if (kind == DataKind::Points) {
    if (pointsFile_[0] == '\0') std::strncpy(pointsFile_, edited.data.file.c_str(), sizeof pointsFile_ - 1);
    ImGui::SetNextItemWidth(scaled(200));
    ImGui::InputText("##file", pointsFile_, sizeof pointsFile_);
    tooltip("A CSV file of one or two numeric columns: your own data set.");
    ImGui::SameLine();
    if (ImGui::Button("Load")) {
      edited.data.file = pointsFile_;
      apply(edited);
    }
  }
  if (changed || released) apply(edited);
}

void ControlPanel::drawTrainingSettings(const Config& config, const std::string& trainerNote) {
  Config edited = config;
  bool changed = false;
  ImGui::SetNextItemWidth(scaled(160));
  changed |= enumCombo("loss", edited.loss);
  tooltip("The adversarial objective. minimax saturates when D wins; nonsaturating fixes G's gradient; wgan and "
          "wgan-gp train a critic; lsgan uses least squares; hinge uses margins.");
  if (edited.loss == LossKind::WganGp) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("GP lambda", "penalty.gp", edited.penalty.gp);
    tooltip("WGAN-GP's λ: how hard D's gradient norm is pulled to 1 between real and fake samples.");
  }
  if (edited.loss == LossKind::Wgan) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("clip", "penalty.clip", edited.penalty.clip);
    tooltip("WGAN's weight clip c: every critic weight is kept in [-c, c].");
  }
  ImGui::SetNextItemWidth(scaled(160));
  changed |= rangedSlider("R1 gamma", "penalty.r1", edited.penalty.r1);
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) edited.penalty.r1 = 0.0, changed = true;
  tooltip("R1: penalise D's gradient on real data, (γ/2)·E‖∇D‖². Stabilises training (Mescheder et al. 2018). "
          "Right-click to switch off.");
  ImGui::SetNextItemWidth(scaled(160));
  changed |= rangedSlider("R2 gamma", "penalty.r2", edited.penalty.r2);
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) edited.penalty.r2 = 0.0, changed = true;
  tooltip("R2: the same penalty on generated samples. Right-click to switch off.");
  ImGui::SetNextItemWidth(scaled(160));
  changed |= rangedSlider("batch", "batch", edited.batch);
  tooltip("Samples of each kind per update: smaller batches are noisier and faster.");
  ImGui::SetNextItemWidth(scaled(75));
  changed |= rangedSlider("##dsteps", "d_steps", edited.dSteps, "D %d");
  tooltip("Discriminator updates per iteration.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(scaled(75));
  changed |= rangedSlider("steps##gsteps", "g_steps", edited.gSteps, "G %d");
  tooltip("Generator updates per iteration.");
  ImGui::SetNextItemWidth(scaled(160));
  if (enumCombo("update", edited.update)) {
    if (edited.update == UpdateOrder::Simultaneous) edited.dSteps = edited.gSteps = 1;
    changed = true;
  }
  tooltip("alternating: D moves, then G sees the new D. simultaneous: both gradients from the same point, as in the "
          "Dirac-GAN analysis.");
  ImGui::SetNextItemWidth(scaled(160));
  changed |= enumCombo("trainer", edited.trainer);
  tooltip("Where the iterations run; the run goes on from where it is. cpu: every setting, the same run bit for bit "
          "on every machine. gpu: OpenGL 4.3 compute shaders; a setting they lack (unroll, spectral norm, "
          "conditional, the Dirac-GAN) trains on the CPU instead, said under this box. auto: the GPU only where it "
          "is a real GPU and the networks are large enough.");
  drawTrainerNote(config.trainer, trainerNote);
  int seed = static_cast<int>(edited.seed);
  ImGui::SetNextItemWidth(scaled(160));
  // Applied on Enter (or the +/- buttons), not at each digit typed: a new seed starts the run again.
  if (ImGui::InputInt("seed", &seed, 1, 100, ImGuiInputTextFlags_EnterReturnsTrue) && seed >= 0) {
    edited.seed = static_cast<std::uint64_t>(seed);
    changed = true;
  }
  tooltip("The random seed: the same seed gives the same run. Changing it restarts the run.");
  if (changed && validate(edited).empty()) apply(edited);
}

// Each fix against mode collapse one click away: a checkbox that switches it on at a sensible strength, and a
// slider beside it for the strength.
void ControlPanel::drawStabilizerSettings(const Config& config) {
  Config edited = config;
  bool changed = false;
  const bool is2dOr1d = config.data.kind != DataKind::Dirac;
  bool unroll = edited.unroll > 0;
  if (is2dOr1d && edited.update == UpdateOrder::Alternating) {
    if (ImGui::Checkbox("unroll", &unroll)) edited.unroll = unroll ? 5 : 0, changed = true;
    tooltip("Unrolled GAN (Metz et al. 2016): G steps against D as it will be after k more updates, second-order "
            "term included, so G stops chasing D from mode to mode. Costs about 3k+2 passes per G step.");
    if (unroll) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(scaled(90));
      changed |= rangedSlider("##unrollk", "unroll", edited.unroll, "k = %d");
      tooltip("How many D updates G looks ahead.");
    }
  }
  bool pack = edited.pack > 1;
  if (is2dOr1d) {
    if (ImGui::Checkbox("pack", &pack)) edited.pack = pack ? 4 : 1, changed = true;
    tooltip("PacGAN (Lin et al. 2018): D judges m samples at once, so a G that repeats itself is caught. Changing "
            "m rebuilds D (a fresh run).");
    if (pack) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(scaled(90));
      changed |= rangedSlider("##packm", "pack", edited.pack, "m = %d");
      tooltip("Samples per pack.");
    }
  }
  bool noise = edited.instanceNoise > 0.0;
  if (ImGui::Checkbox("instance noise", &noise)) {
    edited.instanceNoise = noise ? 0.1 : 0.0;
    edited.instanceNoiseAnneal = noise ? 5000 : 0;
    changed = true;
  }
  tooltip("Gaussian noise on every input of D (Sønderby et al. 2017): real and fake overlap, D's gradient stays "
          "useful. Annealed to zero over the iterations set beside it.");
  if (noise) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("noise std", "instance_noise", edited.instanceNoise);
    tooltip("The noise's standard deviation at the start.");
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("anneal over", "instance_noise_anneal", edited.instanceNoiseAnneal, "%d it");
    tooltip("Iterations over which the noise falls linearly to zero; 0 keeps it constant.");
  }
  if (is2dOr1d) {
    changed |= ImGui::Checkbox("spectral norm", &edited.spectralNorm);
    tooltip("Spectral normalisation (Miyato et al. 2018): every weight matrix of D divided by its largest singular "
            "value, so D cannot become arbitrarily steep.");
  }
  bool r1 = edited.penalty.r1 > 0.0;
  if (ImGui::Checkbox("R1", &r1)) edited.penalty.r1 = r1 ? 1.0 : 0.0, changed = true;
  tooltip("R1 (Mescheder et al. 2018): penalise D's gradient on real data, γ = 1 (the slider under Training sets "
          "γ). Makes the Dirac-GAN converge.");
  ImGui::SameLine();
  bool wganGp = edited.loss == LossKind::WganGp;
  if (ImGui::Checkbox("WGAN-GP", &wganGp)) {
    edited.loss = wganGp ? LossKind::WganGp : LossKind::NonSaturating;
    if (wganGp && edited.update == UpdateOrder::Alternating) edited.dSteps = 5;
    if (!wganGp) edited.dSteps = 1;
    changed = true;
  }
  tooltip("WGAN-GP (Gulrajani et al. 2017): a critic with a gradient penalty, 5 critic steps per G step. Off goes "
          "back to the non-saturating loss with 1 D step.");
  if (ImGui::Button("two timescales")) {
    edited.optimizer.d.lr = 4.0 * edited.optimizer.g.lr;
    changed = true;
  }
  tooltip("TTUR (Heusel et al. 2017): D's learning rate set to 4 times G's, so D tracks G closely.");
  if (changed && validate(edited).empty()) apply(edited);
}

void ControlPanel::drawLectureSettings(const Snapshot& snapshot) {
  const Config& config = shown(snapshot);
  Config edited = config;
  // Sliders as wide as the panel allows, their labels above them (a narrow column at a large text size).
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::TextUnformatted("G's learning rate");
  ImGui::SetNextItemWidth(width);
  bool changed = rangedSlider("##lecture g lr", "optimizer.g.lr", edited.optimizer.g.lr);
  tooltip("The generator's learning rate (Ctrl+click to type). Takes effect at the next iteration.");
  ImGui::TextUnformatted("D's learning rate");
  ImGui::SetNextItemWidth(width);
  changed |= rangedSlider("##lecture d lr", "optimizer.d.lr", edited.optimizer.d.lr);
  tooltip("The discriminator's learning rate (Ctrl+click to type). Too high and D wins: G's gradient vanishes.");
  ImGui::TextUnformatted("Loss");
  ImGui::SetNextItemWidth(width);
  changed |= enumCombo("##lecture loss", edited.loss);
  tooltip("The adversarial objective. minimax saturates when D wins; nonsaturating fixes G's gradient; wgan and "
          "wgan-gp train a critic; lsgan uses least squares; hinge uses margins.");
  if (changed && validate(edited).empty()) apply(edited);
  if (config.data.kind == DataKind::Dirac) {
    Config r1 = config;
    bool on = r1.penalty.r1 > 0.0;
    if (ImGui::Checkbox("R1", &on)) {
      r1.penalty.r1 = on ? 1.0 : 0.0;
      apply(r1);
    }
    tooltip("R1 (Mescheder et al. 2018): penalise D's gradient on real data, γ = 1. Makes the Dirac-GAN converge.");
    return;
  }
  ImGui::TextUnformatted("Against mode collapse");
  Config fix = config;
  bool pack = fix.pack > 1, r1 = fix.penalty.r1 > 0.0;
  bool any = false;
  if (ImGui::Checkbox("PacGAN", &pack)) fix.pack = pack ? 4 : 1, any = true;
  tooltip("PacGAN (Lin et al. 2018): D judges packs of 4 samples, so a G that repeats itself is caught. Rebuilds D "
          "only: G keeps what it learnt.");
  sameLineIfFits(checkboxWidth("R1"));
  if (ImGui::Checkbox("R1", &r1)) fix.penalty.r1 = r1 ? 1.0 : 0.0, any = true;
  tooltip("R1 (Mescheder et al. 2018): penalise D's gradient on real data (γ = 1), so D cannot become steep.");
  sameLineIfFits(checkboxWidth("SN"));
  if (ImGui::Checkbox("SN", &fix.spectralNorm)) any = true;
  tooltip("Spectral normalisation (Miyato et al. 2018): every weight matrix of D divided by its largest singular "
          "value.");
  if (any && validate(fix).empty()) apply(fix);
}

void ControlPanel::drawOptimizerSettings(const char* title, const char* id, const Config& config, bool generator) {
  Config edited = config;
  OptimizerConfig& o = generator ? edited.optimizer.g : edited.optimizer.d;
  const std::string prefix = generator ? "optimizer.g." : "optimizer.d.";
  const auto key = [&prefix](const char* name) { return prefix + name; };
  ImGui::PushID(id);
  ImGui::TextUnformatted(title);
  bool changed = false;
  ImGui::SetNextItemWidth(scaled(160));
  changed |= rangedSlider("lr", key("lr"), o.lr);
  tooltip(generator ? "The generator's learning rate (Ctrl+click to type). Takes effect at the next iteration."
                    : "The discriminator's learning rate (Ctrl+click to type). Takes effect at the next iteration.");
  ImGui::SetNextItemWidth(scaled(160));
  changed |= enumCombo("optimizer", o.kind);
  tooltip("The update rule; its state (moments, velocity) is kept when you switch.");
  if (o.kind == OptimizerKind::Adam) {
    ImGui::SetNextItemWidth(scaled(78));
    changed |= rangedSlider("##b1", key("beta1"), o.beta1, "b1 %.2f");
    tooltip("Adam's β1: momentum of the gradient's mean. GANs often use 0.5 or 0.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(scaled(78));
    changed |= rangedSlider("betas##b2", key("beta2"), o.beta2, "b2 %.4f");
    tooltip("Adam's β2: how long the gradient's scale is remembered.");
  } else if (o.kind == OptimizerKind::Momentum) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("momentum", key("momentum"), o.momentum);
    tooltip("The heavy-ball coefficient μ: how much of the last step is kept.");
  } else if (o.kind == OptimizerKind::RmsProp) {
    ImGui::SetNextItemWidth(scaled(160));
    changed |= rangedSlider("rho", key("rho"), o.rho);
    tooltip("RMSProp's decay of the mean square of the gradient.");
  }
  ImGui::PopID();
  if (changed) apply(edited);
}

void ControlPanel::drawNetworkSettings(const char* title, const char* id, const Config& config, bool generator) {
  Config edited = config;
  NetworkConfig& n = generator ? edited.generator : edited.discriminator;
  ImGui::PushID(id);
  ImGui::TextUnformatted(title);
  int layers = static_cast<int>(n.hidden.size());
  int width = n.hidden.empty() ? 32 : n.hidden.front();
  ImGui::SetNextItemWidth(scaled(75));
  ImGui::SliderInt("##layers", &layers, 0, static_cast<int>(kMaxHiddenLayers), "%d layers",
                   ImGuiSliderFlags_AlwaysClamp);
  bool released = ImGui::IsItemDeactivatedAfterEdit();
  tooltip("Hidden layers (0 is a linear model). Changing it rebuilds the networks.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(scaled(90));
  rangedSlider("##width", generator ? "generator.hidden" : "discriminator.hidden", width, "width %d");
  released |= ImGui::IsItemDeactivatedAfterEdit();
  tooltip("Units in every hidden layer. Changing it rebuilds the networks.");
  if (released) n.hidden.assign(static_cast<std::size_t>(layers), width);
  ImGui::SetNextItemWidth(scaled(160));
  if (enumCombo("activation", n.activation)) released = true;
  tooltip("The hidden layers' nonlinearity. Changing it rebuilds the networks.");
  ImGui::PopID();
  if (released) apply(edited);
}

}  // namespace ganscope
