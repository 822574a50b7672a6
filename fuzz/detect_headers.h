#pragma once
// The detection post-processing headers the fuzz targets use, in one place (they may move from
// src/prep360/detect/ to src/prep360/detect/).
#include "prep360/detect/letterbox.h"
#include "prep360/detect/model_adapter.h"
#include "prep360/detect/nms.h"
#include "prep360/detect/yolo_postprocess.h"
