#!/usr/bin/python3
"""Writes the tiny deterministic ONNX models the mask tests use, plus a benchmark model.

Usage: make_test_models.py OUTDIR

Every test model is built from plain ONNX ops (no training), so the tests know the answer:
  * the input is [B, 3, H, W] (RGB, 0..1);
  * each 32x32 cell of the input is one anchor; its box is the cell (cx, cy, 32, 32) in input
    pixels; the score of class k (k < 3) is the mean of colour channel k over the cell (class 0 =
    red, class 1 = green, class 2 = blue), every other class scores 0;
  * mask coefficients are one-hot (coefficient 0 = 1), and prototype channel 0 is
    (mean over 4x4 cells of max(R, G, B) - 0.5) * 20, so a mask is exactly the bright region
    (logit +10 inside, -10 outside) cropped to the box.
So a white 32x32 square at a cell-aligned position gives one box per class 0..2 equal to the
square, and the same mask.

Models:
  seg_fixed.onnx       [1,3,640,640] -> output0 [1,4+80+32,400], output1 [1,32,160,160]; COCO names
  seg_dynamic.onnx     [batch,3,height,width] -> output0 [batch,116,n], output1 [batch,32,h/4,w/4]
  seg_batch2.onnx      [2,3,320,320], fixed batch of 2, 3 classes {red, green, blue}
  det.onnx             [1,3,640,640] -> [1,4+3,400]; names {0: person, 1: car, 2: dog}
  det_nms_free.onnx    [1,3,640,640] -> [1,400,6] (x0,y0,x1,y1,score,class); no names
  seg_whole.onnx       [1,3,640,640] -> output0 [1,4+1+32,1089], output1 [1,32,160,160]; one class
                       "person". A "whole object" detector: anchors are 128x128 windows every 16
                       pixels (centres 64 + 16 i), scored by the mean of the red channel over the
                       window, so a red square of ~110 px scores ~0.8 where it is whole and ~0.55
                       where an image edge cuts it in half (cli_mask_split_test). Masks as above (bright region in the box).
  unsupported.onnx     [1,3,64,64] -> [1,10]
  cls_softmax.onnx     classifier [1,3,32,32] -> [1,3]: 10 x the mean of R, G, B (after the JSON's
                       normalisation); cls_softmax.json: softmax head, labels red/green/blue
  cls_sigmoid_nhwc.onnx  classifier [1,16,16,3] (channels-last) -> [1,3]: (mean - 0.5) x 20 per
                       channel; its JSON feeds it BGR, so the labels are blue/green/red, sigmoid head
  cls_grid.onnx        YOLIC-style grid [1,3,h,w] -> [1,cells,3]: (mean - 0.5) x 20 per channel over
                       each 32x32 cell; cls_grid.json: 64x64 input, a 2x2 grid, sigmoid head
  not_onnx.onnx        text
  bench_yolov8n_seg.onnx  YOLOv8n-seg's I/O ([1,3,640,640] -> [1,116,8400] + [1,32,160,160]),
                       random fixed-seed weights, ~12 GFLOPs (printed when generated).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17

COCO_NAMES = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
    "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
    "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair drier", "toothbrush",
]
assert len(COCO_NAMES) == 80


def names_metadata(names):
    """The Python-dict string ultralytics stores: "{0: 'person', 1: 'bicycle'}"."""
    return "{" + ", ".join(f"{i}: {name!r}" for i, name in enumerate(names)) + "}"


class Graph:
    def __init__(self):
        self.nodes = []
        self.inits = []
        self.count = 0

    def name(self, prefix):
        self.count += 1
        return f"{prefix}_{self.count}"

    def const(self, array, prefix="c"):
        n = self.name(prefix)
        self.inits.append(numpy_helper.from_array(np.asarray(array), n))
        return n

    def op(self, op_type, inputs, outputs=None, **attrs):
        if outputs is None:
            outputs = [self.name(op_type.lower())]
        self.nodes.append(helper.make_node(op_type, inputs, outputs, **attrs))
        return outputs[0] if len(outputs) == 1 else outputs


def save(path, graph, inputs, outputs, metadata=None):
    g = helper.make_graph(graph.nodes, os.path.basename(path), inputs, outputs, graph.inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="prep360 make_test_models.py")
    model.ir_version = 8
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    onnx.checker.check_model(model)
    onnx.save(model, path)


def grid_model(path, kind, num_classes, batch, height, width, names=None):
    """kind: "seg", "det" or "nms_free". batch/height/width: int or a symbolic name."""
    g = Graph()
    f32 = np.float32
    cell = g.op("AveragePool", ["images"], kernel_shape=[32, 32], strides=[32, 32])  # [B,3,h,w]
    zero = g.op("Mul", [g.op("ReduceMax", [cell], axes=[1], keepdims=1), g.const(f32(0))])  # [B,1,h,w]
    shape = g.op("Shape", [cell])
    rows = g.op("Squeeze", [g.op("Slice", [shape, g.const(np.array([2])), g.const(np.array([3]))]),
                            g.const(np.array([0]))])
    cols = g.op("Squeeze", [g.op("Slice", [shape, g.const(np.array([3])), g.const(np.array([4]))]),
                            g.const(np.array([0]))])
    one = g.const(np.int64(1))
    zero_i = g.const(np.int64(0))

    def centres(count, new_shape):
        idx = g.op("Cast", [g.op("Range", [zero_i, count, one])], to=TensorProto.FLOAT)
        c = g.op("Add", [g.op("Mul", [idx, g.const(f32(32))]), g.const(f32(16))])
        return g.op("Add", [zero, g.op("Reshape", [c, g.const(np.array(new_shape, dtype=np.int64))])])

    cy = centres(rows, [1, 1, -1, 1])
    cx = centres(cols, [1, 1, 1, -1])
    size = g.op("Add", [zero, g.const(f32(32))])

    def zeros(channels):
        return g.op("Mul", [zero, g.const(np.zeros((1, channels, 1, 1), f32))])

    coloured = min(3, num_classes)
    scores = [g.op("Slice", [cell, g.const(np.array([0])), g.const(np.array([coloured])),
                             g.const(np.array([1]))])]
    if num_classes > coloured:
        scores.append(zeros(num_classes - coloured))

    outputs = []
    if kind in ("seg", "det"):
        parts = [cx, cy, size, size] + scores
        channels = 4 + num_classes
        if kind == "seg":
            onehot = np.zeros((1, 32, 1, 1), f32)
            onehot[0, 0] = 1
            parts.append(g.op("Add", [zeros(32), g.const(onehot)]))
            channels += 32
        cat = g.op("Concat", parts, axis=1)
        g.op("Reshape", [cat, g.const(np.array([0, channels, -1], dtype=np.int64))], ["output0"])
        n = "anchors" if isinstance(height, str) or isinstance(width, str) else (height // 32) * (width // 32)
        outputs.append(helper.make_tensor_value_info("output0", TensorProto.FLOAT, [batch, channels, n]))
        if kind == "seg":
            bright = g.op("ReduceMax", ["images"], axes=[1], keepdims=1)  # [B,1,H,W]
            p0 = g.op("AveragePool", [bright], kernel_shape=[4, 4], strides=[4, 4])
            p0 = g.op("Mul", [g.op("Sub", [p0, g.const(f32(0.5))]), g.const(f32(20))])
            rest = g.op("Mul", [p0, g.const(np.zeros((1, 31, 1, 1), f32))])
            g.op("Concat", [p0, rest], ["output1"], axis=1)
            ph = height // 4 if isinstance(height, int) else "proto_h"
            pw = width // 4 if isinstance(width, int) else "proto_w"
            outputs.append(helper.make_tensor_value_info("output1", TensorProto.FLOAT, [batch, 32, ph, pw]))
    else:  # NMS-free: rows of x0, y0, x1, y1, score, class
        colour = scores[0]
        score = g.op("ReduceMax", [colour], axes=[1], keepdims=1)
        cls = g.op("Cast", [g.op("ArgMax", [colour], axis=1, keepdims=1)], to=TensorProto.FLOAT)
        half = g.const(f32(16))
        parts = [g.op("Sub", [cx, half]), g.op("Sub", [cy, half]), g.op("Add", [cx, half]),
                 g.op("Add", [cy, half]), score, cls]
        cat = g.op("Concat", parts, axis=1)
        flat = g.op("Reshape", [cat, g.const(np.array([0, 6, -1], dtype=np.int64))])
        g.op("Transpose", [flat], ["output0"], perm=[0, 2, 1])
        outputs.append(helper.make_tensor_value_info("output0", TensorProto.FLOAT,
                                                     [batch, (height // 32) * (width // 32), 6]))
    inputs = [helper.make_tensor_value_info("images", TensorProto.FLOAT, [batch, 3, height, width])]
    metadata = {"stride": "32", "task": "segment" if kind == "seg" else "detect"}
    if names is not None:
        metadata["names"] = names_metadata(names)
    save(path, g, inputs, outputs, metadata)


def whole_object_model(path, window=128, step=16, size=640):
    """seg_whole.onnx: see the module docstring."""
    g = Graph()
    f32 = np.float32
    red = g.op("Slice", ["images", g.const(np.array([0])), g.const(np.array([1])), g.const(np.array([1]))])
    score = g.op("AveragePool", [red], kernel_shape=[window, window], strides=[step, step])  # [1,1,n,n]
    n = (size - window) // step + 1
    centres = (window / 2 + step * np.arange(n)).astype(f32)
    cx = np.broadcast_to(centres.reshape(1, 1, 1, n), (1, 1, n, n)).copy()
    cy = np.broadcast_to(centres.reshape(1, 1, n, 1), (1, 1, n, n)).copy()
    wh = np.full((1, 2, n, n), window, f32)
    onehot = np.zeros((1, 32, n, n), f32)
    onehot[0, 0] = 1
    cat = g.op("Concat", [g.const(cx), g.const(cy), g.const(wh), score, g.const(onehot)], axis=1)
    g.op("Reshape", [cat, g.const(np.array([0, 4 + 1 + 32, -1], dtype=np.int64))], ["output0"])
    bright = g.op("ReduceMax", ["images"], axes=[1], keepdims=1)
    p0 = g.op("AveragePool", [bright], kernel_shape=[4, 4], strides=[4, 4])
    p0 = g.op("Mul", [g.op("Sub", [p0, g.const(f32(0.5))]), g.const(f32(20))])
    rest = g.op("Mul", [p0, g.const(np.zeros((1, 31, 1, 1), f32))])
    g.op("Concat", [p0, rest], ["output1"], axis=1)
    inputs = [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])]
    outputs = [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 37, n * n]),
               helper.make_tensor_value_info("output1", TensorProto.FLOAT, [1, 32, size // 4, size // 4])]
    save(path, g, inputs, outputs, {"stride": "32", "task": "segment", "names": names_metadata(["person"])})


def unsupported_model(path):
    g = Graph()
    pooled = g.op("Flatten", [g.op("GlobalAveragePool", ["images"])])
    g.op("MatMul", [pooled, g.const(np.ones((3, 10), np.float32))], ["logits"])
    save(path, g, [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 64, 64])],
         [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 10])])


def bench_model(path):
    """YOLOv8n-seg's I/O and roughly its compute, random weights. Returns the FLOPs (2 x MACs)."""
    rng = np.random.default_rng(8)
    g = Graph()
    macs = [0]

    def conv(x, cin, cout, size, k=3, s=1, act=True, bias=0.0):
        w = (rng.standard_normal((cout, cin, k, k)) * np.sqrt(1.0 / (cin * k * k))).astype(np.float32)
        b = np.full((cout,), bias, np.float32)
        y = g.op("Conv", [x, g.const(w, "w"), g.const(b, "b")], kernel_shape=[k, k], strides=[s, s],
                 pads=[k // 2] * 4)
        out = size // s
        macs[0] += cout * cin * k * k * out * out
        if act:  # SiLU as ultralytics exports it
            y = g.op("Mul", [y, g.op("Sigmoid", [y])])
        return y, out

    x, s = conv("images", 3, 16, 640, s=2)        # 320
    x, s = conv(x, 16, 32, s, s=2)                # 160
    x, s = conv(x, 32, 32, s)
    x, s = conv(x, 32, 32, s)
    x, s = conv(x, 32, 64, s, s=2)                # 80
    for _ in range(3):
        x, s = conv(x, 64, 64, s)
    p3 = x
    x, s = conv(x, 64, 128, s, s=2)               # 40
    for _ in range(3):
        x, s = conv(x, 128, 128, s)
    p4 = x
    x, s = conv(x, 128, 256, s, s=2)              # 20
    for _ in range(2):
        x, s = conv(x, 256, 256, s)
    p5 = x

    heads = []
    for feat, cin, size in ((p3, 64, 80), (p4, 128, 40), (p5, 256, 20)):
        box, _ = conv(feat, cin, 64, size)
        box, _ = conv(box, 64, 64, size)
        box, _ = conv(box, 64, 4, size, k=1, act=False, bias=size * 4.0)
        cls, _ = conv(feat, cin, 80, size)
        cls, _ = conv(cls, 80, 80, size)
        cls, _ = conv(cls, 80, 80, size, k=1, act=False, bias=-8.0)
        cls = g.op("Sigmoid", [cls])
        coef, _ = conv(feat, cin, 32, size)
        coef, _ = conv(coef, 32, 32, size)
        coef, _ = conv(coef, 32, 32, size, k=1, act=False)
        cat = g.op("Concat", [box, cls, coef], axis=1)
        heads.append(g.op("Reshape", [cat, g.const(np.array([1, 116, size * size], np.int64))]))
    g.op("Concat", heads, ["output0"], axis=2)

    proto, s = conv(p3, 64, 64, 80)
    proto = g.op("Resize", [proto, "", g.const(np.array([1, 1, 2, 2], np.float32))], mode="nearest")
    s = 160
    proto, s = conv(proto, 64, 64, s)
    g.op("Conv", [proto, g.const((rng.standard_normal((32, 64, 1, 1)) * 0.125).astype(np.float32), "w")],
         ["output1"], kernel_shape=[1, 1])
    macs[0] += 32 * 64 * 160 * 160

    save(path, g, [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 640, 640])],
         [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 116, 8400]),
          helper.make_tensor_value_info("output1", TensorProto.FLOAT, [1, 32, 160, 160])],
         {"names": names_metadata(COCO_NAMES), "stride": "32", "task": "segment",
          "description": "prep360 benchmark model: YOLOv8n-seg shapes, random weights"})
    return 2 * macs[0]


def write_json(path, doc):
    import json
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def classifier_models(out):
    """The generic classifier's test models and the JSON beside each (known answers, see above)."""
    f32 = np.float32
    g = Graph()
    mean = g.op("ReduceMean", ["images"], axes=[2, 3], keepdims=0)  # [1,3]
    g.op("Mul", [mean, g.const(f32(10))], ["scores"])
    save(os.path.join(out, "cls_softmax.onnx"), g,
         [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, 32, 32])],
         [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, 3])])
    write_json(os.path.join(out, "cls_softmax.json"),
               {"labels": ["red", "green", "blue"], "head": "softmax", "top_k": 2,
                "input": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}})

    g = Graph()
    mean = g.op("ReduceMean", ["pixels"], axes=[1, 2], keepdims=0)  # [1,3]
    g.op("Mul", [g.op("Sub", [mean, g.const(f32(0.5))]), g.const(f32(20))], ["logits"])
    save(os.path.join(out, "cls_sigmoid_nhwc.onnx"), g,
         [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, [1, 16, 16, 3])],
         [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 3])])
    write_json(os.path.join(out, "cls_sigmoid_nhwc.json"),
               {"labels": ["blue", "green", "red"], "head": "sigmoid", "input": {"channels": "bgr"}})

    g = Graph()
    cells = g.op("AveragePool", ["images"], kernel_shape=[32, 32], strides=[32, 32])  # [1,3,h/32,w/32]
    logits = g.op("Mul", [g.op("Sub", [cells, g.const(f32(0.5))]), g.const(f32(20))])
    per_cell = g.op("Transpose", [logits], perm=[0, 2, 3, 1])  # [1,rows,cols,3]
    g.op("Reshape", [per_cell, g.const(np.array([1, -1, 3], dtype=np.int64))], ["cells"])
    save(os.path.join(out, "cls_grid.onnx"), g,
         [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, "height", "width"])],
         [helper.make_tensor_value_info("cells", TensorProto.FLOAT, [1, "cells", 3])])
    write_json(os.path.join(out, "cls_grid.json"),
               {"labels": ["red", "green", "blue"], "head": "sigmoid", "threshold": 0.5,
                "input": {"width": 64, "height": 64}, "grid": {"rows": 2, "cols": 2}})


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_test_models.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    grid_model(p("seg_fixed.onnx"), "seg", 80, 1, 640, 640, COCO_NAMES)
    grid_model(p("seg_dynamic.onnx"), "seg", 80, "batch", "height", "width", COCO_NAMES)
    grid_model(p("seg_batch2.onnx"), "seg", 3, 2, 320, 320, ["red", "green", "blue"])
    grid_model(p("det.onnx"), "det", 3, 1, 640, 640, ["person", "car", "dog"])
    grid_model(p("det_nms_free.onnx"), "nms_free", 3, 1, 640, 640)
    whole_object_model(p("seg_whole.onnx"))
    unsupported_model(p("unsupported.onnx"))
    classifier_models(out)
    with open(p("not_onnx.onnx"), "w") as f:
        f.write("this is not an ONNX model\n")
    flops = bench_model(p("bench_yolov8n_seg.onnx"))
    print(f"bench_yolov8n_seg.onnx: {flops / 1e9:.2f} GFLOPs (2 x multiply-adds) at 640x640")


if __name__ == "__main__":
    main()
