"""Table models, one per table, each with named column constants (see base.TableModel)."""
