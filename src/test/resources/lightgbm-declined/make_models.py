"""LightGBM 4.7.0 pickles the JVM must decline (LightGbmPickleTest), and four it once declined and now scores
(linear_tree, cross_entropy, regression_sqrt, early_stopped), made by the sklearn-1.9.1 venv:
~/.cache/timpani-exactness/sklearn-1.9.1/bin/python make_models.py"""
import pickle

import lightgbm as lgb
import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
X = pd.DataFrame(rng.normal(size=(200, 3)), columns=["a", "b", "c"])
y = X["a"] + rng.normal(size=200) * 0.1
yc = (y > 0).astype(int)
small = dict(n_estimators=5, num_leaves=4, verbose=-1, n_jobs=1)


def save(name, model):
    with open(f"{name}.pkl", "wb") as fh:
        pickle.dump(model, fh, protocol=4)


save("linear_tree", lgb.LGBMRegressor(linear_tree=True, **small).fit(X, y))
save("cross_entropy", lgb.LGBMRegressor(objective="cross_entropy", **small).fit(X, (y > 0).astype(float)))
save("regression_sqrt", lgb.LGBMRegressor(reg_sqrt=True, **small).fit(X, y.abs()))
save("pred_early_stop", lgb.LGBMClassifier(pred_early_stop=True, **small).fit(X, yc))
# lgb.train keeps the rounds after the best one only with keep_training_booster=True (otherwise it saves the model
# cut at best_iteration, which predicts as it is); Booster.predict then stops at best_iteration.
train = lgb.Dataset(X[:150], yc[:150])
stopped = lgb.train({"objective": "binary", "num_leaves": 4, "verbose": -1, "num_threads": 1}, train,
                    num_boost_round=50, valid_sets=[lgb.Dataset(X[150:], yc[150:], reference=train)],
                    callbacks=[lgb.early_stopping(2, verbose=False)], keep_training_booster=True)
assert 0 < stopped.best_iteration < stopped.num_trees(), (stopped.best_iteration, stopped.num_trees())
save("early_stopped", stopped)
Xc = X.assign(c=pd.Categorical(np.where(X["c"] > 0, "up", "down")))
save("pandas_categorical", lgb.LGBMClassifier(**small).fit(Xc, yc))
