"""Runs a TensorFlow.js graph model (model.json + .bin) as a PyTorch module, NCHW inside."""
import base64, json, os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DT = {'float32': np.float32, 'int32': np.int32, 'float16': np.float16, 'uint8': np.uint8, 'int8': np.int8}

def read_weights(model_dir, manifest):
    out = {}
    for group in manifest:
        buf = b''.join(open(os.path.join(model_dir, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            n = int(np.prod(w['shape'])) if w['shape'] else 1
            q = w.get('quantization')
            if q and q['dtype'] == 'float16':
                a = np.frombuffer(buf, np.float16, n, off).astype(np.float32); off += 2 * n
            elif q:
                raw = np.frombuffer(buf, DT[q['dtype']], n, off); off += n
                a = raw.astype(np.float32) * q['scale'] + q['min']
            else:
                a = np.frombuffer(buf, DT[w['dtype']], n, off); off += n * np.dtype(DT[w['dtype']]).itemsize
            out[w['name']] = a.reshape(w['shape'])
    return out

def _s(attr, key):
    return base64.b64decode(attr[key]['s']).decode() if key in attr else None

def _ints(attr, key):
    return [int(i) for i in attr[key]['list'].get('i', [])] if key in attr else None

def same_pad(x, k, stride, dil=1):
    """TF "SAME" padding for a convolution over x: (the symmetric part, as the convolution's own
    (h, w) padding; x with any extra bottom/right row or column added). Exported to ONNX, a
    convolution's own padding costs nothing, while separate Pad nodes (and the layout changes
    around them) took about as much time as the convolutions in ONNX Runtime, and the exported Pads
    did not compute what PyTorch did (vision/training/README.md); only stride-2 layers still need
    the extra row."""
    h, w = x.shape[2], x.shape[3]
    pads = []
    for size, kk in ((h, k[0]), (w, k[1])):
        out = -(-size // stride)
        total = max((out - 1) * stride + (kk - 1) * dil + 1 - size, 0)
        pads.append((total // 2, total - total // 2))
    (top, bottom), (left, right) = pads
    if bottom > top or right > left:
        x = F.pad(x, [0, right - left, 0, bottom - top])
    return (top, left), x

class TfjsGraph(nn.Module):
    def __init__(self, model_dir, json_name, outputs):
        super().__init__()
        j = json.load(open(os.path.join(model_dir, json_name)))
        self.nodes = {n['name']: n for n in j['modelTopology']['node']}
        w = read_weights(model_dir, j['weightsManifest'])
        self.consts = {}
        self.params = nn.ParameterDict()
        self.keys = {}
        # conv weights become NCHW parameters; everything else stays a constant
        for n in self.nodes.values():
            op = n['op']
            if op in ('_FusedConv2D', 'Conv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative'):
                kname = n['input'][1]
                k = w[kname]
                if 'Depthwise' in op:
                    t = torch.tensor(k).permute(2, 3, 0, 1).reshape(-1, 1, k.shape[0], k.shape[1])
                else:
                    t = torch.tensor(k).permute(3, 2, 0, 1)
                self._param(kname, t)
                if op.startswith(('_Fused', 'Fused')):
                    for b in n['input'][2:]:
                        self._param(b, torch.tensor(w[b]))
        for k, v in w.items():
            if k not in self.keys:
                self.consts[k] = torch.tensor(np.array(v))
        self.outputs = outputs
        self.input_name = [n['name'] for n in self.nodes.values() if n['op'] == 'Placeholder'][0]

    def _param(self, name, t):
        key = 'p%d' % len(self.keys)
        self.keys[name] = key
        self.params[key] = nn.Parameter(t.float().contiguous())

    def get(self, name):
        return self.params[self.keys[name]] if name in self.keys else self.consts[name]

    def forward(self, x, start=None):
        """start: the name of the node x stands for (default: the graph's input), to run the rest."""
        cache = {start or self.input_name: x}
        # Evaluate in dependency order from the wanted outputs, dropping each activation once its
        # last reader has run: a forward pass then holds a few feature maps, not all of them.
        order, seen = [], set(cache)
        def visit(name):
            base = name.split(':')[0]
            if base in seen:
                return
            seen.add(base)
            n = self.nodes[base]
            if n['op'] != 'Const':
                for i in n.get('input', []):
                    visit(i)
                order.append(base)
        for o in self.outputs:
            visit(o)
        readers = {}
        for name in order:
            for i in self.nodes[name].get('input', []):
                readers[i.split(':')[0]] = readers.get(i.split(':')[0], 0) + 1
        keep = {o.split(':')[0] for o in self.outputs}
        def ev(name):
            base = name.split(':')[0]
            return cache[base] if base in cache else self.get(base)
        for name in order:
            cache[name] = self.run(self.nodes[name], ev)
            for i in self.nodes[name].get('input', []):
                b = i.split(':')[0]
                if b in readers:
                    readers[b] -= 1
                    if readers[b] == 0 and b not in keep:
                        cache.pop(b, None)
        return [cache[o.split(':')[0]] for o in self.outputs]

    def run(self, n, ev):
        op, a, ins = n['op'], n.get('attr', {}), n.get('input', [])
        if op in ('_FusedConv2D', 'Conv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative'):
            x = ev(ins[0]); k = self.get(ins[1])
            stride = _ints(a, 'strides')[1]; dil = (_ints(a, 'dilations') or [1, 1])[1]
            padding = (0, 0)
            if _s(a, 'padding') == 'SAME':
                padding, x = same_pad(x, (k.shape[2], k.shape[3]), stride, dil)
            groups = x.shape[1] if 'Depthwise' in op else 1
            fused = [base64.b64decode(s).decode() for s in a.get('fused_ops', {}).get('list', {}).get('s', [])]
            bias = self.get(ins[2]) if 'BiasAdd' in fused else None
            y = F.conv2d(x, k, bias, stride, padding, dil, groups)
            if 'Relu' in fused: y = F.relu(y)
            if 'Relu6' in fused: y = F.relu6(y)
            return y
        if op in ('Add', 'AddV2'): return self._b(ev(ins[0])) + self._b(ev(ins[1]))
        if op == 'Sub': return self._b(ev(ins[0])) - self._b(ev(ins[1]))
        if op == 'Mul': return self._b(ev(ins[0])) * self._b(ev(ins[1]))
        if op == 'Relu6': return F.relu6(ev(ins[0]))
        if op == 'Relu': return F.relu(ev(ins[0]))
        if op == 'Sigmoid': return torch.sigmoid(ev(ins[0]))
        if op == 'Identity': return ev(ins[0])
        if op == 'Mean':
            return ev(ins[0]).mean(dim=(2, 3), keepdim=True)  # only spatial means occur (SE blocks)
        if op == 'ConcatV2': return torch.cat([ev(i) for i in ins[:-1]], 1)  # channel axis (NHWC 3 -> NCHW 1)
        if op == 'ResizeBilinear':
            x = ev(ins[0])
            return F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)
        raise NotImplementedError(op + ' ' + n['name'])

    @staticmethod
    def _b(t):
        # per-channel or scalar constants: NHWC [C] -> NCHW [C,1,1]
        if t.dim() == 1 and t.shape[0] > 1: return t.view(-1, 1, 1)
        return t
