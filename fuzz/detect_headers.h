#pragma once
// The detection post-processing headers the fuzz targets use, in one place (they may move from
// src/prep360/mask/ to src/prep360/detect/).
#include "prep360/mask/letterbox.h"
#include "prep360/mask/model_adapter.h"
#include "prep360/mask/nms.h"
#include "prep360/mask/yolo_postprocess.h"
