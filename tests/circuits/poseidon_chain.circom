pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";

// A chain of Poseidon(2) hashes: h[i+1] = Poseidon(h[i], i). About 240
// constraints per hash, so 140 hashes give more than 2^15 constraints.
template PoseidonChain(n) {
    signal input seed;
    signal output out;

    component h[n];
    signal acc[n + 1];
    acc[0] <== seed;
    for (var i = 0; i < n; i++) {
        h[i] = Poseidon(2);
        h[i].inputs[0] <== acc[i];
        h[i].inputs[1] <== i;
        acc[i + 1] <== h[i].out;
    }
    out <== acc[n];
}

component main {public [seed]} = PoseidonChain(140);
