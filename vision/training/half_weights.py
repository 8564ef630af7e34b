"""Stores a model's weights as float16 to halve the ONNX file, while the cart still computes in
float32: every large float32 initializer becomes a float16 one followed by a Cast to float32, which
ONNX Runtime folds into a float32 constant when it loads the model (so inference speed does not
change, only the file size and the load time).

The PyTorch side rounds the same weights to float16 first (`round_module`), so the accuracy measured
in PyTorch is that of the weights the cart gets.
"""
import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

# Scalars and short vectors (eps of a normalisation, 1/sqrt(runs), hard-swish constants) stay
# float32: they weigh nothing and an eps of 1e-12 would underflow to 0 in float16.
MIN_ELEMENTS = 64


@torch.no_grad()
def round_module(module):
    """Rounds every float tensor of `module` with MIN_ELEMENTS or more numbers to float16 precision
    (kept as float32): its parameters, and the constants of TfjsGraph layers."""
    for p in module.parameters():
        if p.numel() >= MIN_ELEMENTS:
            p.copy_(p.half().float())
    for m in module.modules():
        for k, t in getattr(m, 'consts', {}).items():
            if t.is_floating_point() and t.numel() >= MIN_ELEMENTS:
                m.consts[k] = t.half().float()


def store_half(onnx_path):
    """Rewrites the ONNX file with float16 storage for its large float32 initializers."""
    model = onnx.load(onnx_path)
    graph = model.graph
    casts, kept = [], []
    for init in graph.initializer:
        a = numpy_helper.to_array(init)
        if init.data_type != TensorProto.FLOAT or a.size < MIN_ELEMENTS:
            kept.append(init)
            continue
        stored = init.name + '_f16'
        kept.append(numpy_helper.from_array(a.astype(np.float16), stored))
        casts.append(helper.make_node('Cast', [stored], [init.name], to=TensorProto.FLOAT, name=stored + '_cast'))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, onnx_path)
    return len(casts)
