#!/bin/sh
# The shipped bundles' training run (models/README.md, "Retraining the shipped bundle"): the grouped
# bundle with its dense reference, then the nested-width comparison bundle with the same recipe.
# Running this script again resumes each after its last completed epoch.
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1
recipe="--data fashion-mnist --groups 4 --epochs-per-stage 30 --batch-size 128
  --optimizer sgd --momentum 0.9 --learning-rate 0.05 --schedule cosine --weight-decay 0.0005
  --validation-images 5000 --crop-padding 2 --flip --augment-views 12 --seed 1 --threads 1"
nice -n 19 ./dist/bin/dynnd train $recipe --dense-epochs 30 \
  --out /work/train-run/bundle --checkpoints /work/train-run/checkpoints || exit $?
exec nice -n 19 ./dist/bin/dynnd train $recipe --scheme nested --dense-epochs 0 \
  --out /work/train-run/bundle-nested --checkpoints /work/train-run/checkpoints-nested
