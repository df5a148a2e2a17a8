"""Publishing pipeline of a National Contact Point for Responsible Business Conduct."""
