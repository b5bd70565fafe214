"""Custom loss functions that PyTorch does not ship, one reusable module per file."""
