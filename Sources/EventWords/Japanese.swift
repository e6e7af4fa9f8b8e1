import BackpropEngine

/// Every Japanese word of the event texts.
struct Japanese: Wording {
    func say(_ phrase: Phrase, _ s: Symbols) -> String {
        switch phrase {
        case .phase(let p):
            switch p {
            case .forward: return "順伝播"
            case .loss: return "損失"
            case .backward: return "逆伝播"
            case .update: return "更新"
            }
        case .activationName(let f):
            switch f {
            case .identity: return "恒等関数"
            case .sigmoid: return "シグモイド"
            case .tanh: return "tanh"
            case .relu: return "ReLU"
            case .leakyRelu: return "Leaky ReLU"
            case .softmax: return "ソフトマックス"
            }
        case .lossName(let l):
            switch l {
            case .halfSSE: return "二乗和誤差"
            case .mse: return "平均二乗誤差"
            case .bce: return "二値交差エントロピー"
            case .crossEntropy: return "交差エントロピー"
            }
        case .optimizerName(let o):
            switch o {
            case .sgd: return "SGD"
            case .momentum: return "モメンタム"
            case .adam: return "Adam"
            }
        case .sample(let n):
            return "サンプル \(n + 1)"

        case .weightedSumTitle(let n): return "\(n) の重み付き和"
        case .activationTitle(let n, let f): return "\(n) の活性化（\(say(.activationName(f), s))）"
        case .lossShareTitle(let o): return "\(o) の損失"
        case .sampleLossTitle: return "サンプルの損失"
        case .batchLossTitle: return "バッチ全体の損失"
        case .outputDeltaTitle(let n): return "出力層 \(n) の \(s.delta)"
        case .hiddenDeltaTitle(let n): return "隠れ層 \(n) の \(s.delta)"
        case .residualSumTitle(let n): return "\(n) へのスキップ接続"
        case .batchStatisticsTitle(let n): return "\(n) のバッチ平均と分散"
        case .normalizationTitle(let n): return "\(n) のバッチ正規化"
        case .normalizationGradientTitle(let n): return "\(n) の \(s.gammaName) と \(s.betaName) の勾配"
        case .normalizationDeltaTitle(let n): return "正規化を通る \(n) の \(s.delta)"
        case .residualDeltaTitle(let n): return "\(n) の \(s.delta) が逆向きにたどる二つの経路"
        case .weightGradientTitle(let p): return "重み \(p) の勾配"
        case .biasGradientTitle(let p): return "バイアス \(p) の勾配"
        case .gradientSumTitle(let p): return "\(p) のバッチ勾配"
        case .clippingTitle: return "勾配クリッピング"
        case .updateTitle(let p, let o): return "\(p) の更新（\(say(.optimizerName(o), s))）"

        case .weightedSum(let n, let fromInputs, let inputs, let bias, let sum, let z):
            let source = fromInputs ? "入力層の値 \(inputs)" : "前の層の出力 \(inputs)"
            let plusBias = bias.map { "、バイアス \($0) を加えます" } ?? "ます"
            return "\(n) は、\(source) にそれぞれの結合の重みを掛けて足し合わせ\(plusBias)。"
                + "こうして得た重み付き和 \(sum) = \(z) が、次に活性化関数に渡されます。"
        case .activation(let n, let f, let sum, let z, let v, let positive, let isOutput, let slope):
            let prediction = isOutput && f != .softmax ? "これがネットワークの予測 \(n) です。" : ""
            return activation(n, f, sum, z, v, positive, isOutput, slope, s) + prediction
        case .lossShare(let o, let y, let loss, let p, let t, let targetIsZero, let k):
            return lossShare(o, y, loss, p, t, targetIsZero, k, s)
        case .sampleLoss(let outputs, let single, let v):
            let sum = single ? "出力は \(outputs) だけなので、このサンプルの損失はその損失そのものです"
                : "損失関数は、すべての出力（\(outputs)）の損失を足し合わせます"
            return sum + "。E = \(v) です。"
                + "この一つの数が、このサンプルでネットワークがどれだけ間違えているかを表し、学習はこれを小さくしようとします。"
        case .batchLoss(let reduction, let count, let v):
            switch reduction {
            case .mean:
                return "バッチの損失は \(count) 個のサンプルの損失の平均で、\(v) です。"
                    + "平均をとるので、バッチの大きさが変わっても値の大きさがそろいます。"
            case .sum:
                return "バッチの損失は \(count) 個のサンプルの損失の合計で、\(v) です。"
            }
        case .outputDelta(let n, let sum, let d, let y, let t, let relation, let sign, let fused, let loss, let f):
            let where_: String
            switch relation {
            case .above: where_ = "出力 \(n) は目標値 \(t) より大きすぎる"
            case .below: where_ = "出力 \(n) は目標値 \(t) より小さすぎる"
            case .equal: where_ = "出力 \(n) は目標値 \(t) にちょうど一致している"
            }
            let link = relation.agrees(with: sign) ? "ので、" : "が、"
            let how: String
            if !fused {
                how = "連鎖律により \(d) = \(s.derivative(of: "E", by: n)) \(s.dot) \(s.derivative(of: n, by: sum))、"
                    + "つまり \(n) に対する誤差の変化率に、活性化関数（\(say(.activationName(f), s))）の傾きを掛けたものです。"
            } else if loss == .bce {
                how = "出力がシグモイドで損失関数が二値交差エントロピーのときは、連鎖律の二つの因子が打ち消し合い、"
                    + "\(n) \(s.minus) \(y) という簡単な形になります。"
            } else {
                how = "出力がソフトマックスで損失関数が交差エントロピーのときは、ソフトマックス全体を通る連鎖律がまとまって、"
                    + "\(n) \(s.minus) \(y) という簡単な形になります。"
            }
            return where_ + link + signOfDelta(d, sum, sign) + how
        case .hiddenDelta(let n, let sum, let d, let downstream, let f, let sign, let flat):
            let why = "隠れ層の \(n) には自分の目標値がありません。そこで、\(n) が値を送る先のニューロン（\(downstream)）の"
                + " \(s.delta) にそれぞれの結合の重みを掛けて足し合わせ、\(sum) における活性化関数（\(say(.activationName(f), s))）"
                + "の傾きを掛けます。連鎖律を一層さかのぼって適用する、これが誤差逆伝播法の核心です。"
            let result = flat ? "ここでは傾きが 0 なので \(d) = 0 となり、\(n) に入る重みはこのサンプルからは何も学びません。"
                : signOfDelta(d, sum, sign)
            return why + result
        case .residualSum(let n, let f, let skip, let fv, let sv, let v):
            return "残差接続（スキップ接続）は、活性化関数の出力 \(f) = \(fv) に、スキップ元の層の \(skip) = \(sv) をそのまま"
                + "足して、\(n) = \(v) とします。層は \(skip) からの変化分だけを学べばよく、逆伝播では勾配がこの近道を通って層を迂回できます。"
        case .residualDelta(let n, let sum, let d, let g, let t, let tg, let through, let along, let f, let sign, let flat):
            let why = "\(n) の値は二つの経路で誤差に効くので、勾配 \(g) は両方の和になります。一つは次の層を通る経路"
                + "（上の層の \(s.delta) に重みを掛けた和、\(through)）、もう一つは \(t) へのスキップ接続を通る経路で、"
                + "\(tg) = \(along) が重みも活性化関数の傾きも掛からずにそのまま戻ってきます。"
                + "この二つ目の経路があるので、スキップ接続のある深いネットワークでは最初の層の勾配が消えません。"
                + "最後に \(g) に \(sum) における活性化関数（\(say(.activationName(f), s))）の傾きを掛けたものが \(d) です。"
            let result = flat ? "ここでは傾きが 0 なので \(d) = 0 です。" : signOfDelta(d, sum, sign)
            return why + result
        case .batchStatistics(let z, let mu, let v, let count, let mv, let vv):
            return "バッチ正規化は、バッチの \(count) 個のサンプルの \(z) をまとめて見ます。その平均は \(mu) = \(mv)、"
                + "平均からのずれの二乗の平均である分散は \(v) = \(vv) です。各サンプルの \(z) はこの二つの数を基準に測られます。"
        case .normalization(let z, let zh, let u, let g, let b, let zv, let zhv, let uv, let eps):
            return "このサンプルの \(z) = \(zv) からバッチ平均を引き、バッチのばらつき \(s.root(s.varianceEpsilon)) で割って"
                + " \(zh) = \(zhv) とします（ε = \(eps) は割り算を安全にするための小さな数です）。バッチ全体で見ると、この値は平均 0、分散 1 になります。"
                + "そのあと学習される倍率 \(g) とずらし \(b) を使って \(u) = \(uv) とし、これを活性化関数に渡します。"
                + "前の重みが大きくなっても小さくなっても、活性化関数には 0 の近くの値が届くので、シグモイドの傾きは 0 に近づかず、"
                + "最大の 0.25 の近くに保たれます。"
        case .normalizationGradient(let u, let zh, let g, let b, let count, let reduction):
            let rule = reduction == .mean ? "平均" : "合計"
            return "\(g) は \(zh) に掛かるので、その勾配は \(s.derivative(of: "E", by: u))\(s.dot)\(zh) です。\(b) は足されるだけなので、"
                + "勾配は \(s.derivative(of: "E", by: u)) そのものです。どちらもバッチの \(count) 個のサンプルについて\(rule)をとり、"
                + "最適化手法が重みと同じように \(g) と \(b) を更新します。"
        case .normalizationDelta(let n, let z, let d, let zh, let count):
            return "このサンプルの \(z) は自分の \(zh) だけでなく、\(count) 個すべてのサンプルの \(zh) が使うバッチ平均と分散も変えます。"
                + "そのため \(d) は三つの項からなります。このサンプル自身の勾配（\(s.derivative(of: "E", by: zh)) の B 倍）から、"
                + "バッチ全体の和（平均を通る分）と、\(zh) に \(s.derivative(of: "E", by: zh))\(s.dot)\(zh) の和を掛けたもの（分散を通る分）を引き、"
                + "全体を B\(s.dot)\(s.root(s.varianceEpsilon)) で割ります。\(n) に入る重みは、この勾配から学びます。"
        case .weightGradient(let p, let to, let sum, let toDelta, let from, let chain, let sign):
            let how = chain
                ? "連鎖律により、\(p) が誤差に与える影響は、経路 \(p) \(s.arrow) \(sum) \(s.arrow) \(to) \(s.arrow) E に沿った"
                    + "変化率の積です。掛け合わせるのは、\(to) に対する E の変化率、\(sum) に対する \(to) の変化率、"
                    + "そして \(p) に対する \(sum) の変化率（\(p) が掛かる値 \(from)）の三つです。"
                : "\(p) の勾配は、\(p) がつながる先のニューロンの誤差信号 \(toDelta) と、\(p) が運ぶ値 \(from) の積です。"
                    + "大きな値を運び、誤差の大きいニューロンにつながる重みほど、勾配が大きくなります。"
            return how + signOfGradient(p, sign)
        case .biasGradient(let p, let n, let sum, let d, let sign):
            return "バイアスは係数 1 で \(sum) に加わるので、その勾配はニューロン \(n) の誤差信号 \(d) そのものです。"
                + signOfGradient(p, sign)
        case .gradientSum(let p, let count, let cs, let reduction):
            let rule = reduction == .mean ? "平均" : "合計"
            return "バッチの \(count) 個のサンプルは、それぞれ \(p) の勾配（\(cs)）を出します。"
                + "バッチの損失はサンプルの損失の\(rule)なので、バッチの勾配もこれらの\(rule)になります。"
        case .clipping(let norm, let limit, let scale):
            let length = "勾配全体の長さ \(s.normBar)g\(s.normBar) = \(norm) は"
            guard let scale else { return length + "上限 \(limit) 以内なので、勾配をそのまま使います。" }
            return length + "上限 \(limit) を超えているので、すべての成分に同じ係数 \(scale) を掛けます。"
                + "向きはそのままで、一歩が短くなるだけです。勾配爆発から学習を守る仕組みです。"
        case .update(let p, let optimizer, let lr, let old, let new, let direction):
            let rule: String
            switch optimizer {
            case .sgd:
                rule = "勾配降下法では勾配と逆向きに一歩進みます。\(p) から、学習率 \(s.eta) = \(lr) と勾配 g の積を引きます。"
            case .momentum:
                rule = "モメンタムは \(p) ごとに速度 v を持ちます。v は、前の速度に \(s.mu) を掛けて新しい勾配を足したものです。"
                    + "\(p) は \(s.eta)\(s.dot)v（学習率 \(s.eta) = \(lr)）だけ動くので、勾配の符号が続くあいだは歩幅が伸び、"
                    + "符号が入れ替わると揺れが抑えられます。"
            case .adam:
                rule = "Adam は勾配の移動平均 m とその二乗の移動平均 v を持ち、最初の数ステップで 0 に偏る分を補正して"
                    + "（\(s.mHat), \(s.vHat)）、\(p) を \(s.eta)\(s.dot)\(s.mHat) / (\(s.root(s.vHat)) + \(s.epsilon))"
                    + " だけ動かします（学習率 \(s.eta) = \(lr)）。パラメータごとに歩幅が自動で調整されます。"
            }
            let moved: String
            switch direction {
            case .down: moved = "\(p) は \(old) から \(new) に下がります。"
            case .up: moved = "\(p) は \(old) から \(new) に上がります。"
            case .same: moved = "\(p) は \(old) のまま変わりません。"
            }
            return rule + moved
        }
    }

    private func activation(_ n: String, _ f: Activation, _ sum: String, _ z: String, _ v: String, _ positive: Bool,
                            _ isOutput: Bool, _ slope: String, _ s: Symbols) -> String {
        switch f {
        case .sigmoid:
            return "活性化関数のシグモイドは \(sum) = \(z) を 0 と 1 の間の値に変え、\(n) = \(v) になります。"
                + "なめらかな傾きを持つので、あとで勾配がここを通って逆向きに流れることができます。"
        case .tanh:
            return "活性化関数 tanh は \(sum) = \(z) を \(s.minus)1 と 1 の間の値（0 が中心）に変え、\(n) = \(v) になります。"
        case .relu:
            return positive ? "ReLU は正の \(sum) をそのまま通すので、\(n) = \(sum) = \(v) です。"
                : "ReLU は正でない \(sum) = \(z) を 0 にするので、\(n) = \(v) です。このとき傾きも 0 なので、"
                    + "このサンプルでは \(n) を通って勾配が逆向きに流れません。"
        case .leakyRelu:
            return positive ? "Leaky ReLU は正の \(sum) をそのまま通すので、\(n) = \(sum) = \(v) です。"
                : "Leaky ReLU は負の \(sum) = \(z) に小さな傾き \(slope) を掛けるので、\(n) = \(v) です。"
                    + "ReLU と違い、わずかながら勾配を逆向きに流し続けます。"
        case .identity:
            return isOutput ? "出力層は恒等関数なので、\(n) は \(sum) そのもの（\(v)）です。数値を予測する回帰でよく使われる形です。"
                : "恒等関数は \(sum) をそのまま次へ渡すので、\(n) = \(v) です。"
        case .softmax:
            return "ソフトマックスは出力層全体の重み付き和を、合計が 1 になる確率に変換します。\(n) の確率は \(v) です。"
                + "指数があふれないよう、先にそれぞれの和から最大の和を引いておきますが、結果は変わりません。"
        }
    }

    private func lossShare(_ o: String, _ y: String, _ loss: Loss, _ p: String, _ t: String, _ targetIsZero: Bool,
                           _ k: Int, _ s: Symbols) -> String {
        switch loss {
        case .halfSSE:
            return "損失関数は予測 \(o) = \(p) と目標値 \(y) = \(t) を比べます。差の二乗の半分がこの出力の誤差で、"
                + "大きく外れるほど急に大きくなります。\(s.half) を付けておくと、微分がちょうど \(o) \(s.minus) \(y) になります。"
        case .mse:
            let divided = k > 1 ? "差の二乗を出力の数（\(k)）で割ったもの" : "差の二乗"
            return "損失関数は予測 \(o) = \(p) と目標値 \(y) = \(t) を比べます。\(divided)が、平均二乗誤差へのこの出力の寄与です。"
        case .bce:
            return "二値交差エントロピーは予測 \(o) = \(p) と目標値 \(y) = \(t) を比べます。予測が目標に近ければ小さく、"
                + "反対の端（0 か 1）に近づくほど際限なく大きくなります。"
        case .crossEntropy:
            return targetIsZero
                ? "目標値 \(y) が 0 なので、\(o) は交差エントロピーに直接は何も加えません。それでも、合計 1 を"
                    + "全出力で分け合うソフトマックスを通じて、\(o) は小さくなる方向に押されます。"
                : "交差エントロピーは、正解に割り当てた確率の \(s.minus)log を損失とします（\(o) = \(p)、目標値 \(y) = \(t)）。"
                    + "正解のクラスに与える確率が小さいほど、損失は大きくなります。"
        }
    }

    private func signOfDelta(_ d: String, _ z: String, _ sign: Sign) -> String {
        switch sign {
        case .positive: return "\(d) は正です。\(z) を上げると誤差が増えるため、勾配降下は \(z) を下げる方向に働きます。"
        case .negative: return "\(d) は負です。\(z) を上げると誤差が減るため、勾配降下は \(z) を上げる方向に働きます。"
        case .zero: return "\(d) は 0 です。\(z) を少し変えても誤差は変わらないので、ここでは何も学習されません。"
        case .undefined: return "\(d) は数値になっていません。学習が発散しています。"
        }
    }

    private func signOfGradient(_ p: String, _ sign: Sign) -> String {
        switch sign {
        case .positive: return "勾配は正です。\(p) を増やすと誤差が増えるので、勾配降下で \(p) は小さくなります。"
        case .negative: return "勾配は負です。\(p) を増やすと誤差が減るので、勾配降下で \(p) は大きくなります。"
        case .zero: return "勾配は 0 なので、\(p) を変える理由はありません。"
        case .undefined: return "勾配は数値になっていません。学習が発散しています。"
        }
    }
}
