import Foundation
import XCTest

/// The layer view through the real binary: `v` on the article's XOR, the operation and its
/// shapes at each phase, the article's NumPy names, a cell chosen with `l`, and back with `v`.
final class LayerViewScreenTests: XCTestCase {
    override func setUpWithError() throws {
        try TmuxSession.require()
    }

    func testLayerViewOfTheArticlesXOR() throws {
        let tmux = try TmuxSession(["open", Binary.path("lessons/article-xor.toml"), "--lang", "en"], width: 100, height: 30)
        try tmux.waitFor("Ready")
        try tmux.send("v")
        try tmux.waitFor("one matrix operation of the whole batch")
        try tmux.send("Right")
        let forward = try tmux.waitForSettled("(4×3) · (4×3)ᵀ → (4×4)")
        XCTAssertTrue(forward.contains("Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ᵀ") && forward.contains("np.dot(X, weights_input_hidden)"), forward)
        XCTAssertTrue(forward.contains("Weighted sum of h₁"), "the step panel explains the selected cell")
        try tmux.send("l")
        try tmux.waitFor("Weighted sum of h₂")
        try tmux.send("Tab")
        try tmux.waitFor("L = loss(A⁽²⁾, Y), E = Σ L")
        try tmux.send("Tab")
        let backward = try tmux.waitForSettled("(4×1) ⊙ (4×1) → (4×1)")
        XCTAssertTrue(backward.contains("output_delta = output_error * sigmoid_derivative(output_layer)"), backward)
        try tmux.send("v")
        try tmux.waitFor("network · δ")
        try tmux.send("q")
        XCTAssertEqual(tmux.exitStatus(), 0)
    }
}
