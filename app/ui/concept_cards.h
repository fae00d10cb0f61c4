#pragma once
// Concept cards: a few sentences and the formula of each idea a GAN lecture needs, quoting the run's live
// numbers where they apply. Opened from where the topic shows (a "?" beside a chart, the collapse banner,
// the graph's nodes), from the help overlay and with --show concept:NAME.
#include <imgui.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "app/views/model_graph.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// The concepts there are cards for.
enum class Concept {
  ForgerAndDetective,    ///< G forges, D detects
  MinimaxValue,          ///< V(D, G) and its value −log 4 at the optimum
  OptimalDiscriminator,  ///< D*(x) = p_data(x) / (p_data(x) + p_g(x))
  NashEquilibrium,       ///< p_g = p_data, D = ½ everywhere
  NonSaturatingLoss,     ///< why G minimises −log D(G(z)) rather than log(1 − D(G(z)))
  ModeCollapse,          ///< G covers a few modes
  WassersteinCritic,     ///< a critic instead of a classifier
};

/// One card's fixed text.
struct ConceptCard {
  Concept topic;        ///< which one
  const char* name;     ///< its name on the command line (--show concept:NAME)
  const char* title;    ///< its title
  const char* formula;  ///< the formula, in Unicode
  const char* text;     ///< a few sentences
  const char* source;   ///< the paper it comes from
};

/// Every card, in the order a lecture meets them.
std::span<const ConceptCard> conceptCards();
/// The card of `topic`.
const ConceptCard& conceptCard(Concept topic);
/// The topic named `name` (ConceptCard::name), or nothing.
std::optional<Concept> parseConcept(std::string_view name);
/// The names of all cards, "forger-detective, minimax, ..." (for messages).
std::string conceptNames();

/// The card a click on the model graph's `node` opens: G and the noise the forger and the detective, the
/// samples the equilibrium, D and L_D the optimal discriminator and the minimax value (the Wasserstein critic
/// for a critic's `loss`), L_G the non-saturating loss.
Concept conceptOfGraphNode(GraphNode node, LossKind loss);

/// The card's line of live numbers for `snapshot`: "now L_D = 1.31; at the equilibrium 2 log 2 = 1.386".
/// Empty where the run has nothing to say (the Wasserstein card on a non-saturating run says so instead).
std::string liveNumbers(Concept topic, const Snapshot& snapshot);

/// The card shown over the window, at most one at a time.
class ConceptCardOverlay {
 public:
  /// Shows `topic`'s card.
  void open(Concept topic) { shown_ = topic; }
  /// Closes the card (Esc).
  void close() { shown_.reset(); }
  /// Whether a card is shown.
  bool isOpen() const { return shown_.has_value(); }
  /// The card shown, if any.
  std::optional<Concept> shown() const { return shown_; }
  /// Draws the card, if one is shown, over the middle of a display of `display` size, with `snapshot`'s
  /// numbers.
  void draw(const Snapshot& snapshot, ImVec2 display);
  /// A small "?" button that opens `topic`'s card (its tooltip names the card); `id` keeps buttons apart.
  void button(Concept topic, const char* id);

 private:
  std::optional<Concept> shown_;
};

}  // namespace ganscope
