pragma circom 2.0.0;

// Several public inputs and outputs: a dot product of public x with private w,
// plus a public range of outputs. Exercises the IC terms of the verifier.
template DotProduct(n) {
    signal input x[n];
    signal input w[n];
    signal input offset;
    signal output dot;
    signal output sq;

    signal partial[n + 1];
    partial[0] <== offset;
    for (var i = 0; i < n; i++) {
        partial[i + 1] <== partial[i] + x[i] * w[i];
    }
    dot <== partial[n];
    sq <== dot * dot;
}

component main {public [x, offset]} = DotProduct(5);
