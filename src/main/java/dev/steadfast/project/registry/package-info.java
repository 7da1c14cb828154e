/** The catalog's registry of projects (default persistence unit). */
package dev.steadfast.project.registry;
