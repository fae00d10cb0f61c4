#pragma once
// GAN Lab's model overview: noise z → G → fake samples → D ← real samples, D → the losses of D and G, and the
// gradients flowing back to each network, with the run's live values on it.
#include <imgui.h>

#include <optional>
#include <vector>

#include "core/runtime/snapshot.h"

namespace ganscope {

/// Which part of the graph a slow-motion phase is about (none: nothing highlighted).
enum class GraphHighlight { None, Batch, Generate, Score, UpdateDiscriminator, UpdateGenerator };

/// The graph's nodes, for clicks on them (each opens its concept's card).
enum class GraphNode { Noise, Generator, Fake, Real, Discriminator, LossD, LossG };

/// Where a node was drawn: its rectangle on screen (x0, y0, x1, y1).
struct GraphNodeRect {
  GraphNode node;  ///< which node
  ImVec4 rect;     ///< where
};

/// The node under `point` among `nodes`, if any.
std::optional<GraphNode> graphNodeAt(const std::vector<GraphNodeRect>& nodes, ImVec2 point);

/// The graph's height at the current font size.
float modelGraphHeight();

/// Draws the graph in the rectangle at `origin` of `size`, with D(real), D(fake), L_D, L_G and the gradient
/// norms of `snapshot`'s last updates on it; `highlight` picks out the nodes and edges of a slow-motion
/// phase.
/// Returns where each node went.
std::vector<GraphNodeRect> drawModelGraph(ImDrawList* drawList, ImVec2 origin, ImVec2 size,
                                          const Snapshot& snapshot, GraphHighlight highlight);

}  // namespace ganscope
