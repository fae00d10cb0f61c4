#pragma once
// The help overlay (H or ?): every keyboard shortcut, from the one table the window acts on, and the concept
// cards.
#include <imgui.h>

#include "app/ui/concept_cards.h"

namespace ganscope {

/// Draws the list of shortcuts and of the concept cards over the middle of a display of `display` size while
/// `open`; a card's button opens it in `cards` (and closes the help); its Close button and Esc (handled with
/// the other shortcuts) set `open` to false.
void drawHelpOverlay(bool& open, ImVec2 display, ConceptCardOverlay& cards);

}  // namespace ganscope
