// Micro-benchmarks of the one-time remap-table build for sources that are not equirects, in the
// `scripts/bench_video` run's shape: the 8 views of ring:8 (hfov 90, 1920x1080, bilinear) from a
// 5760x2880 side-by-side dual-fisheye frame (default lenses, 190 degrees), from a GoPro MAX 5.6K
// EAC frame (two 4096x1344 tracks), and, for comparison, from a 5760x2880 equirect. One iteration
// builds all 8 tables, on 1 or 2 TBB threads; compare CPU time.
// Run: build/prep360_microbench --benchmark_filter=TableBuild8
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <memory>
#include <string>

#include "prep360/lens/dual_fisheye_projection.h"
#include "prep360/lens/eac_layout.h"
#include "prep360/lens/eac_projection.h"
#include "prep360/reproject/projected_remap.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig.h"

namespace prep360 {
namespace {

constexpr int kW = 5760, kH = 2880;

const Rig& Ring8() {
  static const Rig rig = WithSize(WithHfov(MakePreset("ring:8"), 90), 1920, 1080);
  return rig;
}

template <class BuildOne>
void RunBuild(benchmark::State& state, const BuildOne& build_one) {
  const int threads = static_cast<int>(state.range(0));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const View& v : Ring8().views) {
      const std::unique_ptr<RemapTable> table = build_one(v);
      bytes += table->MemoryBytes();
      benchmark::DoNotOptimize(table->entries().data());
    }
  }
  state.SetLabel(std::to_string(threads) + " thread(s)");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(Ring8().views.size()) * 1920 * 1080);
  state.counters["table_MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_TableBuild8DualFisheye(benchmark::State& state) {
  const DualFisheyeProjection projection(DefaultDualFisheye(kW, kH, 190), /*cross_lens=*/true);
  RunBuild(state, [&](const View& v) {
    return BuildProjectedViewTable(v.Camera(), v.PanoFromCam(), projection, kW, kH, Interpolation::kBilinear);
  });
}

void BM_TableBuild8Eac(benchmark::State& state) {
  const EacLayout layout{1344, 32};
  const EacProjection projection;
  RunBuild(state, [&](const View& v) {
    return BuildProjectedViewTable(v.Camera(), v.PanoFromCam(), projection, layout.frame_width(),
                                   layout.frame_height(), Interpolation::kBilinear);
  });
}

void BM_TableBuild8Equirect(benchmark::State& state) {
  RunBuild(state, [&](const View& v) {
    return std::make_unique<RemapTable>(v.Camera(), v.PanoFromCam(), kW, kH, Interpolation::kBilinear);
  });
}

BENCHMARK(BM_TableBuild8DualFisheye)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TableBuild8Eac)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TableBuild8Equirect)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace prep360
