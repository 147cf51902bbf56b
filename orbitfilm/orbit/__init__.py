"""The orbit: element sets, propagation, conditions of light, view and contact, launches."""
