#include "app/gpu/command_list.h"

#include <stdexcept>

namespace ganscope {

void CommandList::add(CommandOp op, std::initializer_list<std::int32_t> fields, DrawSource source,
                      int tableSlot, std::uint32_t stream) {
  if (static_cast<int>(fields.size()) > kWords - kHeader)
    throw std::logic_error("CommandList: too many fields");
  const std::size_t at = words_.size();
  words_.resize(at + kWords, 0);
  words_[at] = static_cast<std::int32_t>(op);
  words_[at + 1] = static_cast<std::int32_t>(source);
  words_[at + 3] = tableSlot;
  words_[at + 4] = static_cast<std::int32_t>(stream);
  std::size_t i = at + kHeader;
  for (std::int32_t field : fields) words_[i++] = field;
}

int CommandList::slot(TableUse use) {
  slots_.push_back(use);
  return static_cast<int>(slots_.size()) - 1;
}

void CommandList::setStrides(const long long (&perIteration)[static_cast<int>(DrawSource::Count)]) {
  for (std::size_t at = 0; at < words_.size(); at += kWords) {
    words_[at + 2] = static_cast<std::int32_t>(perIteration[words_[at + 1]]);
  }
}

void CommandList::clear() {
  words_.clear();
  slots_.clear();
  trips_ = 0;
}

}  // namespace ganscope
