#include "app/ui/concept_cards.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "app/ui/control_panel.h"
#include "core/gan/config_names.h"
#include "core/gan/gan_loss.h"

namespace ganscope {
namespace {

constexpr std::array kCards = {
    ConceptCard{
        Concept::ForgerAndDetective, "forger-detective", "The forger and the detective",
        "G: z ↦ G(z),   D: x ↦ D(x) ∈ [0, 1]",
        "G is a forger: it turns random noise z into samples. D is a detective: shown a sample, it says how "
        "sure it is that the sample is real. They learn in turns: D to tell real from forged, G to fool D. "
        "Neither ever sees the data's formula; G never sees a real sample at all, only D's judgement.",
        "Goodfellow et al. 2014"},
    ConceptCard{
        Concept::MinimaxValue, "minimax", "The minimax game and its value",
        "min_G max_D V(D, G) = E_x[log D(x)] + E_z[log(1 − D(G(z)))]",
        "D climbs V, G descends it. For a fixed G the best D gives V = −log 4 + 2·JS(p_data ‖ p_g): so G, "
        "descending V against the best D, minimises the Jensen–Shannon divergence to the data, and the "
        "game's "
        "value at its optimum is −log 4 ≈ −1.386. D's loss is L_D = −V.",
        "Goodfellow et al. 2014, Theorem 1"},
    ConceptCard{
        Concept::OptimalDiscriminator, "optimal-d", "The optimal discriminator",
        "D*(x) = p_data(x) / (p_data(x) + p_g(x))",
        "For a fixed G, the best D at each point is the share of the real density in the total there: near 1 "
        "where only data lives, near 0 where only G's samples do, ½ where they overlap equally. The colour "
        "of "
        "the surface on the view is the D being trained, chasing this D*.",
        "Goodfellow et al. 2014, Proposition 1"},
    ConceptCard{
        Concept::NashEquilibrium, "equilibrium", "The Nash equilibrium",
        "p_g = p_data   ⇒   D*(x) = ½ everywhere,   V = −log 4",
        "When G's samples are distributed like the data, no D can do better than a coin: D = ½ everywhere, "
        "and neither player can gain by changing alone. Gradient descent need not get there: it can circle "
        "it (the Dirac-GAN) or stall beside it.",
        "Goodfellow et al. 2014; Mescheder et al. 2018"},
    ConceptCard{
        Concept::NonSaturatingLoss, "non-saturating", "Why G's loss is −log D(G(z))",
        "saturating: L_G = E log(1 − D(G(z))),   non-saturating: L_G = −E log D(G(z))",
        "Early on D easily rejects G's samples: D(G(z)) ≈ 0. There log(1 − D) is flat, so the saturating "
        "loss's gradient (proportional to D(G(z)) through the sigmoid) all but vanishes and G stops "
        "learning. "
        "−log D(G(z)) has the same fixed point but a strong gradient exactly where G is bad.",
        "Goodfellow et al. 2014, §3"},
    ConceptCard{
        Concept::ModeCollapse, "mode-collapse", "Mode collapse", "G(z₁) ≈ G(z₂) for most z₁, z₂",
        "G finds a few outputs D accepts and maps most noise there, leaving modes of the data uncovered. D "
        "then learns to reject that spot, G jumps to another (mode hopping) or stays. Packing (D judges "
        "several "
        "samples at once), R1, unrolling and the Wasserstein critic are cures; the banner offers the ones "
        "that worked here.",
        "Goodfellow 2016; Lin et al. 2018 (PacGAN)"},
    ConceptCard{
        Concept::WassersteinCritic, "wasserstein", "The Wasserstein critic",
        "W₁(p_data, p_g) = sup over 1-Lipschitz f of E_x[f(x)] − E_z[f(G(z))]",
        "Instead of a classifier, D is a critic f with no sigmoid, kept 1-Lipschitz (weights clipped, or a "
        "gradient penalty pulling ‖∇f‖ to 1). The gap between its means on real and fake samples estimates "
        "the earth mover's distance, which still has a gradient when the two distributions do not overlap.",
        "Arjovsky et al. 2017; Gulrajani et al. 2017"},
};

// `value` with `decimals` decimals ("%.*f"), or "–" when it is not a number.
std::string num(double value, int decimals = 3) {
  if (!std::isfinite(value)) return "–";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

std::span<const ConceptCard> conceptCards() {
  return kCards;
}

const ConceptCard& conceptCard(Concept topic) {
  for (const ConceptCard& card : kCards) {
    if (card.topic == topic) return card;
  }
  return kCards.front();
}

std::optional<Concept> parseConcept(std::string_view name) {
  for (const ConceptCard& card : kCards) {
    if (name == card.name) return card.topic;
  }
  return std::nullopt;
}

std::string conceptNames() {
  std::string names;
  for (const ConceptCard& card : kCards) names += (names.empty() ? "" : ", ") + std::string(card.name);
  return names;
}

Concept conceptOfGraphNode(GraphNode node, LossKind loss) {
  const bool critic = !lossIsProbabilistic(loss) && loss != LossKind::Lsgan;
  switch (node) {
    case GraphNode::Noise:
    case GraphNode::Generator:
      return Concept::ForgerAndDetective;
    case GraphNode::Fake:
    case GraphNode::Real:
      return Concept::NashEquilibrium;
    case GraphNode::Discriminator:
      return critic ? Concept::WassersteinCritic : Concept::OptimalDiscriminator;
    case GraphNode::LossD:
      return critic ? Concept::WassersteinCritic : Concept::MinimaxValue;
    case GraphNode::LossG:
      return Concept::NonSaturatingLoss;
  }
  return Concept::ForgerAndDetective;
}

std::string liveNumbers(Concept topic, const Snapshot& s) {
  const UpdateStats& st = s.lastStats;
  const LossKind loss = s.config.loss;
  const bool probabilistic = lossIsProbabilistic(loss);
  const std::string lossText = "the " + std::string(enumName(loss)) + " loss";
  if (!std::isfinite(st.lossD)) return "No update yet: press Step.";
  const std::string losses = "Now L_D = " + num(st.lossD) + " and L_G = " + num(st.lossG);
  switch (topic) {
    case Concept::ForgerAndDetective:
      if (!probabilistic)
        return "Now the critic gives " + num(st.dReal, 2) + " to real samples and " + num(st.dFake, 2) +
               " to fakes.";
      return "Now D(real) = " + num(st.dReal, 2) + " and D(fake) = " + num(st.dFake, 2) +
             ": the detective is that sure of each.";
    case Concept::MinimaxValue:
      if (!probabilistic)
        return "This run uses " + lossText + ": V is the minimax and non-saturating losses' value.";
      return "Now V = −L_D = " + num(-st.lossD) + "; at the optimum V = −log 4 = −1.386.";
    case Concept::OptimalDiscriminator:
      if (!probabilistic)
        return "This run's D is a critic (" + lossText + "): D* is the classifier's optimum.";
      return "Now D's mean is " + num(st.dReal, 2) + " on real samples and " + num(st.dFake, 2) +
             " on fakes; against a perfect G both would be ½.";
    case Concept::NashEquilibrium:
      if (loss == LossKind::Minimax)
        return losses + "; at the equilibrium L_D = log 4 = 1.386 and L_G = −log 2 = −0.693.";
      if (loss == LossKind::NonSaturating)
        return losses + "; at the equilibrium L_D = log 4 = 1.386 and L_G = log 2 = 0.693.";
      return losses + " (" + lossText + ").";
    case Concept::NonSaturatingLoss:
      return (loss == LossKind::Minimax ? "This run uses the saturating (minimax) loss: D(fake) = "
                                        : "Now (" + lossText + ") D(fake) = ") +
             num(st.dFake) + " and ‖∂L_G/∂θ_G‖ = " + num(st.gradNormG) + ".";
    case Concept::ModeCollapse: {
      if (!s.history || s.history->empty() || !std::isfinite(s.history->back().modes))
        return "This target has no separate modes to count.";
      const MetricsRow& row = s.history->back();
      return "Now G covers " + num(row.modes, 0) + " of " + num(row.modesTotal, 0) + " modes (at step " +
             std::to_string(row.step) + ").";
    }
    case Concept::WassersteinCritic: {
      const double w1 = s.history && !s.history->empty() ? s.history->back().w1 : NAN;
      std::string line =
          probabilistic || loss == LossKind::Lsgan
              ? "This run's D is a classifier (" + lossText + "): switch the loss to wgan-gp to see a critic."
              : "Now the critic's gap E f(real) − E f(fake) = " + num(st.dReal - st.dFake) + ".";
      if (std::isfinite(w1)) line += " The measured W₁ between the samples is " + num(w1) + ".";
      return line;
    }
  }
  return {};
}

void ConceptCardOverlay::draw(const Snapshot& snapshot, ImVec2 display) {
  if (!shown_) return;
  const ConceptCard& card = conceptCard(*shown_);
  const float font = ImGui::GetFontSize();
  const float width = std::min(display.x * 0.9f, font * 36.0f);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.45f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
  ImGui::SetNextWindowFocus();
  bool open = true;
  const std::string title = std::string(card.title) + "###concept card";
  ImGui::Begin(title.c_str(), &open,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(width - font);
  ImGui::Spacing();
  ImGui::TextUnformatted(card.formula);
  ImGui::Spacing();
  ImGui::TextWrapped("%s", card.text);
  ImGui::Spacing();
  const std::string live = liveNumbers(card.topic, snapshot);
  if (!live.empty())
    ImGui::TextColored(ImGui::GetStyle().Colors[ImGuiCol_PlotLinesHovered], "%s", live.c_str());
  ImGui::TextDisabled("%s", card.source);
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Close (Esc)")) open = false;
  ImGui::End();
  if (!open) shown_.reset();
}

void ConceptCardOverlay::button(Concept topic, const char* id) {
  ImGui::PushID(id);
  if (ImGui::SmallButton("?")) open(topic);
  ImGui::PopID();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: a concept card", conceptCard(topic).title);
}

}  // namespace ganscope
