// RemapCache (declared in remap_table.h): one table per (view, equirect size), built once.
#include <tbb/task_arena.h>

#include <chrono>
#include <string>

#include "prep360/reproject/projected_remap.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/util/error.h"

namespace prep360 {

struct RemapCache::Slot {
  std::once_flag once;
  std::unique_ptr<RemapTable> table;
};

const RemapTable& RemapCache::Get(std::size_t view_index, int eq_width, int eq_height) {
  if (view_index >= rig_.views.size()) {
    throw Error("remap cache: view index " + std::to_string(view_index) + " out of range (rig has " +
                std::to_string(rig_.views.size()) + " views)");
  }
  const View& view = rig_.views[view_index];
  if (view.width <= 0 || view.height <= 0) {
    throw Error("view '" + view.name + "': size not set (" + std::to_string(view.width) + "x" +
                std::to_string(view.height) + ")");
  }
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(mutex_);
    auto& entry = tables_[{view_index, eq_width, eq_height}];
    if (!entry) entry = std::make_shared<Slot>();
    slot = entry;
  }
  // Built outside the map lock so different views build concurrently; callers of the same key
  // wait here. The build's parallel_for runs isolated: while it waits, this thread must not pick
  // up an unrelated task that could call Get for the same key again.
  std::call_once(slot->once, [&] {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<RemapTable> table;
    tbb::this_task_arena::isolate([&] {
      table = projection_ ? BuildProjectedViewTable(view.Camera(), view.PanoFromCam(), *projection_, eq_width,
                                                    eq_height, interp_)
                          : std::make_unique<RemapTable>(view.Camera(), view.PanoFromCam(), eq_width, eq_height, interp_);
    });
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::lock_guard lock(mutex_);  // MemoryBytes() and size() read slot->table under it
    slot->table = std::move(table);
    build_seconds_ += elapsed.count();
  });
  return *slot->table;
}

RowRange RemapCache::SourceRows(int eq_width, int eq_height) {
  RowRange rows;
  for (std::size_t v = 0; v < rig_.views.size(); ++v) rows = rows.Union(Get(v, eq_width, eq_height).SourceRows());
  return rows;
}

std::size_t RemapCache::MemoryBytes() const {
  std::lock_guard lock(mutex_);
  std::size_t bytes = 0;
  for (const auto& [key, slot] : tables_) {
    // A slot whose table is being built has none yet; only finished tables count.
    if (slot->table) bytes += slot->table->MemoryBytes();
  }
  return bytes;
}

double RemapCache::build_seconds() const {
  std::lock_guard lock(mutex_);
  return build_seconds_;
}

std::size_t RemapCache::size() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [key, slot] : tables_) n += slot->table ? 1 : 0;
  return n;
}

}  // namespace prep360
