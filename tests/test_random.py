"""sagin_lib._random: one randomness convention for every random function."""

from __future__ import annotations

import numpy as np
import pytest

from sagin_lib._random import as_generator, as_seed_sequence, child_seed_sequence


def test_an_int_and_its_seed_sequence_give_the_same_stream() -> None:
    a = as_generator(42).random(5)
    b = as_generator(np.random.SeedSequence(42)).random(5)
    c = np.random.Generator(np.random.PCG64(42)).random(5)
    assert np.array_equal(a, b) and np.array_equal(a, c)
    assert as_seed_sequence(42).entropy == 42
    assert as_seed_sequence(np.int64(42)).entropy == 42


def test_a_generator_passes_through_and_seeds_a_root_reproducibly() -> None:
    gen = np.random.default_rng(7)
    assert as_generator(gen) is gen
    root1 = as_seed_sequence(np.random.default_rng(7))
    root2 = as_seed_sequence(np.random.default_rng(7))
    assert root1.entropy == root2.entropy
    # 128 bits drawn: the generator moved on by exactly one draw of four words.
    g = np.random.default_rng(7)
    as_seed_sequence(g)
    h = np.random.default_rng(7)
    h.integers(0, 2**32, size=4, dtype=np.uint64)
    assert g.random() == h.random()
    seq = np.random.SeedSequence(3)
    assert as_seed_sequence(seq) is seq
    assert as_seed_sequence(np.random.PCG64(5)).entropy != as_seed_sequence(None).entropy


def test_none_takes_fresh_entropy() -> None:
    assert as_generator(None).random() != as_generator(None).random()
    assert as_seed_sequence(None).entropy != as_seed_sequence(None).entropy


@pytest.mark.parametrize("bad", [-1, 1.5, "7", True, [1, 2]])
def test_anything_else_is_refused_naming_rng(bad: object) -> None:
    with pytest.raises(ValueError, match="rng must be a non-negative int seed"):
        as_generator(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rng must be a non-negative int seed"):
        as_seed_sequence(bad)  # type: ignore[arg-type]


def test_children_are_what_spawn_gives_without_mutating_the_root() -> None:
    root = np.random.SeedSequence(2024)
    spawned = np.random.SeedSequence(2024).spawn(4)
    for i in range(4):
        assert child_seed_sequence(root, i).generate_state(4).tolist() == (
            spawned[i].generate_state(4).tolist()
        )
    assert root.n_children_spawned == 0
    grand = child_seed_sequence(child_seed_sequence(root, 1), 2)
    assert grand.spawn_key == (1, 2)
