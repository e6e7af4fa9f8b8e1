import BackpropEngine
import NetworkNaming

/// A recorded event as JSON, every value at full precision: what `trace --format json` prints.
/// Parameters carry their position (layer, to, from) and their name as lesson files spell it.
struct EventJSON {
    let naming: NetworkNaming

    func neuron(_ n: NeuronRef) -> JSON { .array([.int(n.layer), .int(n.index)]) }

    func parameter(_ p: ParameterRef) -> JSON {
        switch p {
        case .weight(let l, let j, let i):
            return .object([("kind", .string("weight")), ("name", .string(naming.parameter(p, .placeholder))),
                            ("layer", .int(l)), ("to", .int(j)), ("from", .int(i))])
        case .bias(let l, let j):
            return .object([("kind", .string("bias")), ("name", .string(naming.parameter(p, .placeholder))),
                            ("layer", .int(l)), ("neuron", .int(j))])
        case .scale(let l, let j), .shift(let l, let j):
            let kind: String
            if case .scale = p { kind = "gamma" } else { kind = "beta" }
            return .object([("kind", .string(kind)), ("name", .string(naming.parameter(p, .placeholder))),
                            ("layer", .int(l)), ("neuron", .int(j))])
        }
    }

    func products(_ terms: [StepEvent.Product]) -> JSON {
        .array(terms.map { .numbers([$0.left, $0.right, $0.value]) })
    }

    func factor(_ f: StepEvent.Factor) -> JSON {
        let role: (String, NeuronRef)
        switch f.role {
        case .lossGradient(let n): role = ("dL/dy", n)
        case .activationDerivative(let n): role = ("dy/dz", n)
        case .delta(let n): role = ("delta", n)
        case .input(let n): role = ("dz/dw", n)
        }
        return .object([("role", .string(role.0)), ("neuron", neuron(role.1)), ("value", .number(f.value))])
    }

    func optional(_ x: Double?) -> JSON { x.map { .number($0) } ?? .null }

    func event(_ e: StepEvent) -> JSON {
        var fields: [(String, JSON)] = [("phase", .string(e.phase.rawValue))]
        fields.append(("sample", e.sample.map { .int($0) } ?? .null))
        switch e.kind {
        case .weightedSum(let n, let terms, let bias, let sum):
            fields += [("kind", .string("weighted_sum")), ("neuron", neuron(n)), ("terms", products(terms)),
                       ("bias", optional(bias)), ("z", .number(sum))]
        case .activation(let n, let f, let z, let value, let softmax):
            fields += [("kind", .string("activation")), ("neuron", neuron(n)), ("function", .string(f.rawValue)),
                       ("z", .number(z)), ("a", .number(value))]
            if let softmax {
                fields += [("shift", .number(softmax.shift)), ("exp", .number(softmax.exponential)),
                           ("denominator", .number(softmax.denominator))]
            }
        case .lossShare(let n, let loss, let prediction, let target, let value):
            fields += [("kind", .string("loss_share")), ("neuron", neuron(n)), ("loss", .string(loss.rawValue)),
                       ("prediction", .number(prediction)), ("target", .number(target)), ("value", .number(value))]
        case .sampleLoss(let loss, let shares, let value):
            fields += [("kind", .string("sample_loss")), ("loss", .string(loss.rawValue)),
                       ("shares", .numbers(shares)), ("value", .number(value))]
        case .batchLoss(let reduction, let losses, let value):
            fields += [("kind", .string("batch_loss")), ("reduction", .string(reduction.rawValue)),
                       ("sample_losses", .numbers(losses)), ("value", .number(value))]
        case .outputDelta(let n, let loss, let prediction, let target, let dLdy, let dydz, let delta, let fused):
            fields += [("kind", .string("output_delta")), ("neuron", neuron(n)), ("loss", .string(loss.rawValue)),
                       ("prediction", .number(prediction)), ("target", .number(target)),
                       ("dL/dy", .number(dLdy)), ("dy/dz", optional(dydz)), ("delta", .number(delta)),
                       ("fused", .bool(fused))]
        case .hiddenDelta(let n, let f, let terms, let sum, let z, let a, let derivative, let delta):
            fields += [("kind", .string("hidden_delta")), ("neuron", neuron(n)), ("function", .string(f.rawValue)),
                       ("terms", products(terms)), ("sum", .number(sum)), ("z", .number(z)), ("a", .number(a)),
                       ("derivative", .number(derivative)), ("delta", .number(delta))]
        case .residualSum(let n, let f, let from, let activated, let skip, let value):
            fields += [("kind", .string("residual_sum")), ("neuron", neuron(n)), ("function", .string(f.rawValue)),
                       ("from", neuron(from)), ("f", .number(activated)), ("skip", .number(skip)), ("a", .number(value))]
        case .residualDelta(let n, let f, let terms, let skip, let sum, let z, let a, let derivative, let delta):
            fields += [("kind", .string("residual_delta")), ("neuron", neuron(n)), ("function", .string(f.rawValue)),
                       ("terms", products(terms)), ("through_layer", .number(skip.throughLayer)),
                       ("skip_to", neuron(skip.to)), ("along_skip", .number(skip.alongSkip)), ("sum", .number(sum)),
                       ("z", .number(z)), ("f", .number(a)), ("derivative", .number(derivative)), ("delta", .number(delta))]
        case .batchStatistics(let n, let sums, let mean, let variance):
            fields += [("kind", .string("batch_statistics")), ("neuron", neuron(n)), ("z", .numbers(sums)),
                       ("mean", .number(mean)), ("variance", .number(variance))]
        case .normalization(let n, let z, let mean, let variance, let inverse, let zh, let gamma, let beta, let value):
            fields += [("kind", .string("normalization")), ("neuron", neuron(n)), ("z", .number(z)), ("mean", .number(mean)),
                       ("variance", .number(variance)), ("inverse_deviation", .number(inverse)), ("zhat", .number(zh)),
                       ("gamma", .number(gamma)), ("beta", .number(beta)), ("u", .number(value))]
        case .normalizationGradient(let n, let g, let zh, let gs, let bs, let divisor, let gg, let bg):
            fields += [("kind", .string("normalization_gradient")), ("neuron", neuron(n)), ("dE/du", .numbers(g)),
                       ("zhat", .numbers(zh)), ("gamma_sum", .number(gs)), ("beta_sum", .number(bs)),
                       ("divisor", optional(divisor)), ("dE/dgamma", .number(gg)), ("dE/dbeta", .number(bg))]
        case .normalizationDelta(let n, let g, let gamma, let zh, let sum, let products, let inverse, let b, let delta):
            fields += [("kind", .string("normalization_delta")), ("neuron", neuron(n)), ("dE/du", .number(g)),
                       ("gamma", .number(gamma)), ("zhat", .number(zh)), ("sum_dE/dzhat", .number(sum)),
                       ("sum_dE/dzhat_zhat", .number(products)), ("inverse_deviation", .number(inverse)), ("batch", .int(b)),
                       ("delta", .number(delta))]
        case .weightGradient(let p, let factors, let value):
            fields += [("kind", .string("weight_gradient")), ("parameter", parameter(p)),
                       ("factors", .array(factors.map(factor))), ("value", .number(value))]
        case .biasGradient(let p, let delta, let value):
            fields += [("kind", .string("bias_gradient")), ("parameter", parameter(p)),
                       ("delta", .number(delta)), ("value", .number(value))]
        case .gradientSum(let p, let contributions, let sum, let divisor, let value):
            fields += [("kind", .string("gradient_sum")), ("parameter", parameter(p)),
                       ("contributions", .numbers(contributions)), ("sum", .number(sum)),
                       ("divisor", optional(divisor)), ("value", .number(value))]
        case .clipping(let norm, let limit, let scale):
            fields += [("kind", .string("clipping")), ("norm", .number(norm)), ("limit", .number(limit)),
                       ("scale", optional(scale))]
        case .update(let p, let d):
            fields += [("kind", .string("update")), ("parameter", parameter(p)), ("optimizer", .string(d.optimizer.name)),
                       ("old", .number(d.old)), ("gradient", .number(d.gradient)),
                       ("learning_rate", .number(d.learningRate)), ("new", .number(d.new)), ("change", .number(d.change))]
            switch d.optimizer {
            case .sgd: break
            case .momentum(let mu):
                fields += [("momentum", .number(mu)), ("velocity_before", .number(d.firstBefore)),
                           ("velocity", .number(d.firstAfter))]
            case .adam(let b1, let b2, let eps):
                fields += [("beta1", .number(b1)), ("beta2", .number(b2)), ("epsilon", .number(eps)), ("t", .int(d.step)),
                           ("m_before", .number(d.firstBefore)), ("m", .number(d.firstAfter)),
                           ("v_before", .number(d.secondBefore)), ("v", .number(d.secondAfter)),
                           ("m_hat", .number(d.firstCorrected)), ("v_hat", .number(d.secondCorrected))]
            }
        }
        return .object(fields)
    }
}
