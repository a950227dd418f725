# Kernel settings for every notebook execution of the book (make execute, make book, make lab, nbval).
# The Makefile and conftest.py point IPYTHONDIR here.
#
# TensorFlow's C++ runtime prints start-up notes ("Could not find cuda drivers ...") straight to the
# process's stderr before its log level applies. By default the kernel captures such low-level output
# into the notebook, except under pytest, so stored outputs and nbval would disagree. Not capturing it
# keeps those lines in the terminal and out of the notebooks.
c.IPKernelApp.capture_fd_output = False  # noqa: F821 (c is provided by IPython's config loader)
