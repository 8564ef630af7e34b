"""Measures gallery designs on top of the trained recognizer (one train.py run or an ensemble of
runs as ensemble.py exports it), with the network frozen: one reference
per product (the trained prototypes, or the mean of the product's photos), several references per
product (k-means of its photos), and nearest photos (kNN). References come from the train photos
only; accuracy is measured on the validation photos and by k-fold cross-validation on train.

Cross-validation here re-builds only the gallery: the network itself was trained on all of the
train photos, so the CV figures are optimistic for the network (it has seen the held-out fold)
and only compare gallery designs with one another.

  nice -n 10 /usr/bin/python3 vision/training/gallery_eval.py --tfjs /tmp/human-models/package/models \
    --size 144 /tmp/tally-recognition-cache/run1-144px-recognizer.pt /tmp/tally-recognition-cache/run2-160px-recognizer.pt
"""
import argparse, os
import numpy as np
import torch
import torch.nn.functional as F

from ensemble import load_ensemble
from train import cached, centre, load_split, read_classes


@torch.no_grad()
def embed_all(model, X, size):
    """Unit embeddings of every photo, the picture and its mirror summed as the cart does."""
    out = []
    for i in range(0, len(X), 32):
        x = centre(X[i:i + 32], size)
        out.append(F.normalize(model(x) + model(x.flip(3)), dim=1))
    return torch.cat(out)


def kmeans(E, k, rng, iters=20):
    """Spherical k-means: k unit centres of the unit rows of E."""
    k = min(k, len(E))
    C = E[torch.from_numpy(rng.choice(len(E), k, replace=False))]
    for _ in range(iters):
        a = (E @ C.t()).argmax(1)
        C = torch.stack([F.normalize(E[a == j].sum(0), dim=0) if (a == j).any() else C[j] for j in range(k)])
    return C


def references(E, y, classes, design, rng):
    """(reference vectors, their class) for a gallery design built from photos E with labels y."""
    refs, owner = [], []
    for c in range(classes):
        Ec = E[y == c]
        if len(Ec) == 0:
            continue
        if design == 'mean':
            R = F.normalize(Ec.sum(0, keepdim=True), dim=1)
        elif design.startswith('kmeans'):
            R = kmeans(Ec, int(design[6:]), rng)
        else:  # every photo is a reference
            R = Ec
        refs.append(R); owner += [c] * len(R)
    return torch.cat(refs), torch.tensor(owner)


def class_scores(q, refs, owner, classes, rule, scale):
    """Per-class score of each query: the best reference ('max'), a softmax-weighted vote over the
    k nearest photos ('knnK'), or a soft maximum (logsumexp at the score scale)."""
    cos = q @ refs.t()
    S = torch.full((len(q), classes), -1e9)
    if rule == 'max':
        S.scatter_reduce_(1, owner.expand(len(q), -1), cos, reduce='amax')
    elif rule == 'lse':
        S = torch.full((len(q), classes), 0.0)
        S.scatter_add_(1, owner.expand(len(q), -1), torch.exp(scale * (cos - 1)))
        S = torch.log(S + 1e-30)
    else:
        k = int(rule[3:])
        top = cos.topk(k, 1)
        S = torch.zeros(len(q), classes)
        S.scatter_add_(1, owner[top.indices], torch.exp(scale * (top.values - 1)))
        # classes outside the k nearest are ranked by their best reference, below every voted one
        best = torch.full((len(q), classes), -1e9)
        best.scatter_reduce_(1, owner.expand(len(q), -1), cos, reduce='amax')
        S = torch.where(S > 0, 10 + S, best)
    return S


def accuracy(S, y):
    t3 = S.topk(3, 1).indices
    return (t3[:, 0] == y).float().mean().item(), (t3 == y[:, None]).any(1).float().mean().item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='../shared/data/grocery-store')
    ap.add_argument('--tfjs', required=True)
    ap.add_argument('--cache', default='/tmp/tally-recognition-cache')
    ap.add_argument('checkpoints', nargs='+', help='train.py checkpoints (recognizer.pt of each run)')
    ap.add_argument('--size', type=int, default=160)
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--threads', type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(9)
    Xt, yt = cached(os.path.join(args.cache, 'train256.npz'), lambda: load_split(args.data, 'train', 256))
    Xv, yv = cached(os.path.join(args.cache, 'val256.npz'), lambda: load_split(args.data, 'val', 256))
    classes = read_classes(args.data)
    names = '+'.join(os.path.splitext(os.path.basename(c))[0] for c in args.checkpoints)
    emb_path = os.path.join(args.cache, f'embeddings-{names}-{args.size}.pt')
    model = load_ensemble(args.tfjs, args.checkpoints, len(classes))
    if os.path.exists(emb_path):
        Et, Ev = torch.load(emb_path)
    else:
        Et, Ev = embed_all(model, Xt, args.size), embed_all(model, Xv, args.size)
        torch.save((Et, Ev), emb_path)
    yt_t, yv_t = torch.from_numpy(yt), torch.from_numpy(yv)
    n = len(classes)
    protos = model.gallery()
    print(f'trained prototypes: val top-1/top-3 {accuracy(Ev @ protos.t(), yv_t)}')
    folds = torch.from_numpy(rng.permutation(len(Et)) % args.folds)
    for design, rules in [('mean', ['max']), ('kmeans2', ['max', 'lse']), ('kmeans3', ['max', 'lse']),
                          ('kmeans5', ['max', 'lse']), ('photos', ['max', 'lse', 'knn5', 'knn10'])]:
        refs, owner = references(Et, yt_t, n, design, rng)
        for rule in rules:
            val = accuracy(class_scores(Ev, refs, owner, n, rule, 16.0), yv_t)
            cv = []
            for f in range(args.folds):
                r, o = references(Et[folds != f], yt_t[folds != f], n, design, rng)
                cv.append(accuracy(class_scores(Et[folds == f], r, o, n, rule, 16.0), yt_t[folds == f]))
            cv1, cv3 = np.mean([c[0] for c in cv]), np.mean([c[1] for c in cv])
            print(f'{design:8s} {rule:6s} refs {len(refs):5d}  val {val[0]:.3f} / {val[1]:.3f}   '
                  f'{args.folds}-fold CV on train {cv1:.3f} / {cv3:.3f}', flush=True)


if __name__ == '__main__':
    main()
